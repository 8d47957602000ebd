import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { forgetResource } from "./forget-resource";

/** ACM's limit on the certificate's first name (its subject common name). */
const MAX_COMMON_NAME_LENGTH = 64;
/** ACM's default quota of names on one certificate, the domain name included. */
const MAX_NAMES = 10;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export interface DnsValidatedCertificateProps {
  readonly namer: Namer;
  /** Name component of the certificate's `Name` tag, e.g. `origin` -> `titan-primary-origin`. */
  readonly component: string;
  /** The existing public hosted zone the validation records go into. */
  readonly hostedZoneId: string;
  /** The certificate's first name, e.g. `origin.api.example.com`. */
  readonly domainName: string;
  /**
   * Further names, e.g. the region's own `primary.origin.api.example.com` that Route 53 health checks call.
   * @default - none: the certificate covers `domainName` only
   */
  readonly subjectAlternativeNames?: readonly string[];
  /**
   * Names whose validation record another stack owns. ACM gives one account the same validation
   * CNAME for a name in every region, so a name two regions' certificates share has one record,
   * and exactly one stack may own it: this certificate's validation waits for that record by its
   * name without creating it. A record this construct used to create for such a name is dropped
   * from this stack's state without being deleted (a `removed` block).
   * @default - none: this certificate owns every validation record it needs
   */
  readonly validationRecordsOwnedElsewhere?: readonly string[];
}

/**
 * An ACM certificate validated through DNS in the public hosted zone, with the validation
 * records it owns.
 *
 * Why records are keyed by name: validation records are selected from the certificate's
 * `domain_validation_options` by domain name (the set has no order to index by), and each record's
 * construct id is the name it validates: a record is that name's, so a new name is a new record, and
 * reordering the names moves nothing. The certificate is created before the old one is destroyed,
 * because a listener or distribution holds on to the old one until it is switched over.
 *
 * Why no `allow_overwrite`: a record two stacks both write is deleted by whichever is destroyed
 * first, taking the other's renewal with it. A name shared across regions is owned by one stack
 * and named in `validationRecordsOwnedElsewhere` by the others.
 */
export class DnsValidatedCertificate extends Construct {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;
  /** The certificate's ARN once ACM has issued it: listeners referencing it wait for validation. */
  readonly certificateArn: string;
  /** The validation records this construct owns, by the name they validate. */
  readonly validationRecords: Readonly<Record<string, Route53Record>>;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const subjectAlternativeNames = props.subjectAlternativeNames ?? [];
    const ownedElsewhere = props.validationRecordsOwnedElsewhere ?? [];
    const names = [props.domainName, ...subjectAlternativeNames];
    validate(props, names, ownedElsewhere);

    this.certificate = new AcmCertificate(this, "Resource", {
      domainName: props.domainName,
      subjectAlternativeNames: subjectAlternativeNames.length > 0 ? [...subjectAlternativeNames] : undefined,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: props.namer.name(props.component) },
    });

    const options = this.certificate.domainValidationOptions;
    const optionsByName = Fn.zipmap(Fn.lookupNested(options, ["*", "domain_name"]), options);
    const option = (name: string, attribute: string) => Fn.lookupNested(optionsByName, [name, attribute]);
    const recordsScope = new Construct(this, "ValidationRecords");
    const records: Record<string, Route53Record> = {};
    const fqdns = names.map((name) => {
      if (ownedElsewhere.includes(name)) {
        forgetResource(recordsScope, name, Route53Record.tfResourceType);
        // The record's FQDN as the owner's `fqdn` attribute renders it: without the trailing dot.
        return Fn.trimsuffix(option(name, "resource_record_name"), ".");
      }
      records[name] = new Route53Record(recordsScope, name, {
        zoneId: props.hostedZoneId,
        name: option(name, "resource_record_name"),
        type: option(name, "resource_record_type"),
        records: [option(name, "resource_record_value")],
        ttl: 60,
      });
      return records[name].fqdn;
    });
    this.validationRecords = records;

    this.validation = new AcmCertificateValidation(this, "Validation", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: fqdns,
    });
    this.certificateArn = this.validation.certificateArn;
  }
}

function validate(props: DnsValidatedCertificateProps, names: readonly string[], ownedElsewhere: readonly string[]) {
  const fail = (message: string) => {
    throw new Error(`DnsValidatedCertificate ${props.domainName}: ${message}`);
  };
  for (const name of names) {
    if (!DOMAIN_NAME.test(name)) {
      fail(
        `"${name}" is not a fully qualified lowercase domain name; give names like origin.api.example.com (no wildcard, no trailing dot)`,
      );
    }
  }
  if (props.domainName.length > MAX_COMMON_NAME_LENGTH) {
    fail(
      `domainName "${props.domainName}" is ${props.domainName.length} characters; ACM accepts at most ${MAX_COMMON_NAME_LENGTH} for the first name, so use a shorter name and put long ones in subjectAlternativeNames`,
    );
  }
  if (new Set(names).size !== names.length) {
    fail(`subjectAlternativeNames repeat a name or the domainName, got ${JSON.stringify(names)}; list each name once`);
  }
  if (names.length > MAX_NAMES) {
    fail(
      `${names.length} names exceed ACM's default quota of ${MAX_NAMES} per certificate; drop some subjectAlternativeNames`,
    );
  }
  for (const name of ownedElsewhere) {
    if (!names.includes(name)) {
      fail(
        `validationRecordsOwnedElsewhere names "${name}", which the certificate does not cover; list only names among ${JSON.stringify(names)}`,
      );
    }
  }
}
