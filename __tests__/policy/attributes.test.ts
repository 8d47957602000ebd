import { block, blocks, isExpression, isSet, isTrue } from "../../src/policy/attributes";

describe("reading rendered attributes", () => {
  test.each([
    ["an object", { environment: { privileged_mode: true } }, [{ privileged_mode: true }]],
    ["a one-element list", { environment: [{ privileged_mode: true }] }, [{ privileged_mode: true }]],
    ["a list of several", { environment: [{ a: 1 }, { a: 2 }] }, [{ a: 1 }, { a: 2 }]],
    ["absent", {}, []],
    ["a scalar (not a block)", { environment: "x" }, []],
  ])("a block given as %s is read as a list of blocks", (_name, attributes, expected) => {
    expect(blocks(attributes, "environment")).toEqual(expected);
    expect(block(attributes, "environment")).toEqual(expected[0]);
  });

  test.each([
    [true, true],
    ["true", true],
    [false, false],
    ["false", false],
    ["${var.flag}", false],
    [undefined, false],
  ])("isTrue(%j) is %s: only a literal true proves a flag", (value, expected) => {
    expect(isTrue(value)).toBe(expected);
  });

  test.each([
    ["arn:aws:kms:us-east-2:111122223333:key/x", true],
    ["${aws_kms_key.k.arn}", true],
    [0, true],
    ["", false],
    [null, false],
    [undefined, false],
  ])("isSet(%j) is %s", (value, expected) => {
    expect(isSet(value)).toBe(expected);
  });

  it("recognises Terraform expressions", () => {
    expect(isExpression("${aws_kms_key.k.arn}")).toBe(true);
    expect(isExpression("arn:aws:kms:us-east-2:1:key/x")).toBe(false);
    expect(isExpression(90)).toBe(false);
  });
});
