import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { TerraformOutput, Testing } from "cdktf";
import {
  DnsValidatedCertificate,
  type DnsValidatedCertificateProps,
} from "../../../src/modules/dns/validated-certificate";
import { Namer } from "../../../src/naming";

const PROPS: DnsValidatedCertificateProps = {
  namer: new Namer("titan", "primary"),
  component: "origin",
  hostedZoneId: "Z0123456789EXAMPLE0",
  domainName: "origin.api.example.com",
  subjectAlternativeNames: ["primary.origin.api.example.com"],
};

interface Synthesized {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly removed?: { from: string; lifecycle: { destroy: boolean } }[];
}

function synth(props: Partial<DnsValidatedCertificateProps> = {}): Synthesized {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new DnsValidatedCertificate(scope, "OriginCertificate", { ...PROPS, ...props });
    }),
  );
}

function validationRecords(json: Synthesized): Record<string, unknown>[] {
  return Object.values(json.resource.aws_route53_record);
}

describe("DnsValidatedCertificate", () => {
  it("requests a DNS-validated certificate for the shared origin name and the region's own name", () => {
    const json = JSON.stringify(synth());
    expect(json).toHaveResourceWithProperties(AcmCertificate, {
      domain_name: "origin.api.example.com",
      subject_alternative_names: ["primary.origin.api.example.com"],
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
      tags: { Name: "titan-primary-origin" },
    });
  });

  it("writes one validation record per name, picked by domain name, and never takes over another owner's", () => {
    const records = validationRecords(synth());
    expect(records).toHaveLength(2);
    for (const name of ["origin.api.example.com", "primary.origin.api.example.com"]) {
      const record = records.find((candidate) => String(candidate.name).includes(`["${name}"]`));
      expect(record).toEqual({
        zone_id: "Z0123456789EXAMPLE0",
        name: expect.stringContaining(`["${name}"].resource_record_name`),
        type: expect.stringContaining(`["${name}"].resource_record_type`),
        records: [expect.stringContaining(`["${name}"].resource_record_value`)],
        ttl: 60,
      });
      expect(record?.name).toMatch(/zipmap\(tolist\(aws_acm_certificate\.\w+\.domain_validation_options\)\[\*\]/);
    }
  });

  it("waits for validation through the records' FQDNs and exposes the validated ARN", () => {
    const json = Testing.synthScope((scope) => {
      const certificate = new DnsValidatedCertificate(scope, "OriginCertificate", PROPS);
      new TerraformOutput(scope, "certificate_arn", { value: certificate.certificateArn });
    });
    expect(json).toHaveResourceWithProperties(AcmCertificateValidation, {
      certificate_arn: expect.stringMatching(/^\$\{aws_acm_certificate\.\w+\.arn\}$/),
      validation_record_fqdns: [
        expect.stringMatching(/^\$\{aws_route53_record\.\w+\.fqdn\}$/),
        expect.stringMatching(/^\$\{aws_route53_record\.\w+\.fqdn\}$/),
      ],
    });
    expect(JSON.parse(json).output.certificate_arn.value).toMatch(
      /^\$\{aws_acm_certificate_validation\.\w+\.certificate_arn\}$/,
    );
  });

  it("waits for a shared name's record by its FQDN without creating it, and forgets the record it used to own", () => {
    const json = Testing.synthScope((scope) => {
      new DnsValidatedCertificate(scope, "OriginCertificate", {
        ...PROPS,
        subjectAlternativeNames: ["dr.origin.api.example.com"],
        validationRecordsOwnedElsewhere: ["origin.api.example.com"],
      });
    });
    const synthesized: Synthesized = JSON.parse(json);
    const records = validationRecords(synthesized);
    expect(records).toHaveLength(1);
    expect(records[0].name).toContain('["dr.origin.api.example.com"].resource_record_name');
    const validation = Object.values(synthesized.resource.aws_acm_certificate_validation)[0];
    expect(validation.validation_record_fqdns).toEqual([
      expect.stringMatching(/^\$\{trimsuffix\(.*\["origin\.api\.example\.com"\]\.resource_record_name, "\."\)\}$/),
      expect.stringMatching(/^\$\{aws_route53_record\.\w+\.fqdn\}$/),
    ]);
    // Where the record lived when this stack owned it, so Terraform forgets it instead of deleting it.
    const formerAddress = Testing.synthScope((scope) => {
      new DnsValidatedCertificate(scope, "OriginCertificate", PROPS);
    });
    const formerId = Object.entries(JSON.parse(formerAddress).resource.aws_route53_record).find(([, record]) =>
      String((record as { name: string }).name).includes('["origin.api.example.com"]'),
    )?.[0];
    expect(synthesized.removed).toEqual([{ from: `aws_route53_record.${formerId}`, lifecycle: { destroy: false } }]);
  });

  it("covers only the domain name when no alternative names are given", () => {
    const json = synth({ subjectAlternativeNames: undefined });
    expect(Object.values(json.resource.aws_acm_certificate)[0]).not.toHaveProperty("subject_alternative_names");
    expect(validationRecords(json)).toHaveLength(1);
  });

  test.each([
    [
      { domainName: "*.api.example.com" },
      /domainName: must be a lowercase DNS name such as api\.example\.com \(no wildcard, no .*got "\*\.api\.example\.com"/,
    ],
    [
      { domainName: "Origin.api.example.com" },
      /domainName: must be a lowercase DNS name such as api\.example\.com \(no wildcard, no .*got "Origin\.api\.example\.com"/,
    ],
    [{ domainName: `${"a".repeat(60)}.example.com` }, /is 72 characters; ACM accepts at most 64/],
    [{ subjectAlternativeNames: ["origin.api.example.com"] }, /repeat a name or the domainName/],
    [
      { validationRecordsOwnedElsewhere: ["other.api.example.com"] },
      /validationRecordsOwnedElsewhere: names "other\.api\.example\.com", which the certificate does not cover/,
    ],
    [
      { subjectAlternativeNames: Array.from({ length: 10 }, (_, index) => `r${index}.origin.api.example.com`) },
      /subjectAlternativeNames: make 11 names with the domainName, over ACM's default quota of 10 per /,
    ],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
