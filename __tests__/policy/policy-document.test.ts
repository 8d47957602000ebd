import { documentFromJson, PolicyDocumentResolver } from "../../src/policy/policy-document";

const resolver = new PolicyDocumentResolver({
  Base: {
    statement: [
      { sid: "Keep", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] },
      { sid: "Replace", actions: ["s3:PutObject"], resources: ["*"] },
    ],
  },
  Own: {
    source_policy_documents: ["${data.aws_iam_policy_document.Base.json}"],
    override_policy_documents: ["${data.aws_iam_policy_document.Override.json}"],
    statement: {
      sid: "Replace",
      effect: "Deny",
      actions: ["s3:PutObject"],
      resources: ["*"],
      principals: { type: "Service", identifiers: ["s3.amazonaws.com"] },
      condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["1"] }],
    },
  },
  Override: { statement: [{ sid: "Added", not_actions: ["iam:*"], not_resources: ["x"] }] },
  Loop: { source_policy_documents: ["${data.aws_iam_policy_document.Loop.json}"] },
});

describe("policy documents", () => {
  it("resolves a data source reference, merging source and override documents by sid as the data source does", () => {
    const found = resolver.lookup("${data.aws_iam_policy_document.Own.json}");
    expect(found.kind).toBe("document");
    const statements = found.kind === "document" ? found.document.statements : [];
    expect(statements.map((s) => [s.sid, s.effect])).toEqual([
      ["Keep", "Allow"],
      ["Replace", "Deny"],
      ["Added", "Allow"],
    ]);
    expect(statements[1]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }],
      conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["1"] }],
    });
    expect(statements[2]).toMatchObject({ notActions: ["iam:*"], notResources: ["x"], actions: [], resources: [] });
  });

  it("reads minified_json references and JSON strings with single values or lists", () => {
    expect(resolver.lookup("${data.aws_iam_policy_document.Base.minified_json}").kind).toBe("document");
    const json = documentFromJson(
      JSON.stringify({
        Statement: {
          Effect: "Allow",
          Principal: { Service: "ec2.amazonaws.com", AWS: ["arn:aws:iam::1:root"] },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "1" } },
        },
      }),
    );
    expect(json).toEqual({
      kind: "document",
      document: {
        statements: [
          expect.objectContaining({
            actions: ["sts:AssumeRole"],
            principals: [
              { type: "Service", identifiers: ["ec2.amazonaws.com"] },
              { type: "AWS", identifiers: ["arn:aws:iam::1:root"] },
            ],
            conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["1"] }],
          }),
        ],
      },
    });
    expect(documentFromJson('{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*"}]}')).toMatchObject({
      document: { statements: [{ effect: "Deny", principals: [{ type: "*", identifiers: ["*"] }] }] },
    });
  });

  test.each([
    ["nothing", undefined, { kind: "absent" }],
    ["an empty string", "", { kind: "absent" }],
    ["a function call", "${jsonencode(local.p)}", { kind: "unreadable" }],
    ["another stack's data source", "${data.aws_iam_policy_document.Missing.json}", { kind: "unreadable" }],
    ["a document that includes itself", "${data.aws_iam_policy_document.Loop.json}", { kind: "unreadable" }],
    ["JSON without Statement", '{"Version":"2012-10-17"}', { kind: "unreadable" }],
    ["text that is not JSON", "not json", { kind: "unreadable" }],
  ])("tells %s apart", (_name, value, expected) => {
    expect(resolver.lookup(value)).toMatchObject(expected);
  });
});
