import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Testing } from "cdktf";
import { TierSecurityGroups, type TierSecurityGroupsProps } from "../../../src/modules/security/security-groups";
import { Namer } from "../../../src/naming";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A rule as a reader states it: which tier's group, from or to whom, on which port. */
interface RuleSummary {
  readonly group: string;
  readonly peer: string;
  readonly port: string;
}

function synth(props: Partial<TierSecurityGroupsProps> = {}): string {
  return Testing.synthScope((scope) => {
    new TierSecurityGroups(scope, "Tiers", {
      namer: new Namer("titan", "primary"),
      vpcId: "vpc-123",
      appPort: 5000,
      cloudFrontPrefixListId: "pl-cloudfront",
      healthCheckerPrefixListId: "pl-route53",
      ...props,
    });
  });
}

/** `${aws_security_group.Tiers_App_1A2B3C4D.id}` -> `App` */
function tierOf(ref: unknown): string {
  const match = /^\$\{aws_security_group\.Tiers_([A-Za-z]+)_[0-9A-F]{8}\.id\}$/.exec(String(ref));
  if (!match) {
    throw new Error(`not a reference to one of the tier groups: ${String(ref)}`);
  }
  return match[1];
}

/** Summaries in a fixed order, so tables compare as sets of rules. */
function summarize(resources: Resources, type: string): RuleSummary[] {
  return sorted(
    Object.values(resources[type] ?? {}).map((rule) => ({
      group: tierOf(rule.security_group_id),
      peer:
        rule.referenced_security_group_id !== undefined
          ? tierOf(rule.referenced_security_group_id)
          : String(rule.prefix_list_id ?? rule.cidr_ipv4),
      port: `${rule.ip_protocol}/${rule.from_port}-${rule.to_port}`,
    })),
  );
}

function sorted(rules: RuleSummary[]): RuleSummary[] {
  const key = (rule: RuleSummary) => `${rule.group} ${rule.peer} ${rule.port}`;
  return [...rules].sort((a, b) => key(a).localeCompare(key(b)));
}

describe("TierSecurityGroups", () => {
  const json = synth();
  const resources: Resources = JSON.parse(json).resource;
  const ingress = summarize(resources, "aws_vpc_security_group_ingress_rule");
  const egress = summarize(resources, "aws_vpc_security_group_egress_rule");

  it("creates one named, described group per tier with no inline rules", () => {
    const groups = Object.values(resources.aws_security_group);
    expect(groups.map((group) => group.name).sort()).toEqual([
      "titan-primary-alb",
      "titan-primary-alb-health-checks",
      "titan-primary-app",
      "titan-primary-cache",
      "titan-primary-database",
    ]);
    for (const group of groups) {
      expect(group).toEqual(expect.objectContaining({ vpc_id: "vpc-123", description: expect.stringMatching(/\S/) }));
      expect(group).not.toHaveProperty("ingress");
      expect(group).not.toHaveProperty("egress");
    }
    expect(json).toHaveResourceWithProperties(SecurityGroup, {
      name: "titan-primary-app",
      revoke_rules_on_delete: true,
    });
  });

  it("describes every rule", () => {
    const rules = [
      ...Object.values(resources.aws_vpc_security_group_ingress_rule),
      ...Object.values(resources.aws_vpc_security_group_egress_rule),
    ];
    expect(rules).toHaveLength(9);
    expect(rules.some((rule) => rule.from_port === 80)).toBe(false);
    expect(rules.every((rule) => typeof rule.description === "string" && rule.description.length > 0)).toBe(true);
  });

  it("opens the load balancer on 443 to CloudFront's and Route 53's prefix lists only, one group each, and lets it reach only the app", () => {
    expect(ingress.filter((rule) => rule.group.startsWith("Alb"))).toEqual([
      { group: "Alb", peer: "pl-cloudfront", port: "tcp/443-443" },
      { group: "AlbHealthChecks", peer: "pl-route53", port: "tcp/443-443" },
    ]);
    expect(egress.filter((rule) => rule.group.startsWith("Alb"))).toEqual([
      { group: "Alb", peer: "App", port: "tcp/5000-5000" },
    ]);
  });

  it("describes the ALB group by what it admits: a description is fixed once deployed (AWS replaces the group to change it)", () => {
    expect(json).toHaveResourceWithProperties(SecurityGroup, {
      name: "titan-primary-alb",
      description: "Application Load Balancer: HTTPS from CloudFront's origin-facing servers only",
    });
    // Nothing is open to the internet, and no group admits HTTP: no description may say otherwise.
    for (const group of Object.values(resources.aws_security_group)) {
      expect(String(group.description)).not.toMatch(/internet|HTTP\b/);
    }
  });

  it("keeps each of the ALB's groups within the default 60 rules once prefix lists are weighed", () => {
    // A rule referencing a managed prefix list counts as the list's max entries (VPC user guide).
    const weight: Record<string, number> = { "pl-cloudfront": 55, "pl-route53": 25 };
    const groups = ["Alb", "AlbHealthChecks"];
    for (const group of groups) {
      const rules = [...ingress, ...egress].filter((rule) => rule.group === group);
      expect(rules.reduce((sum, rule) => sum + (weight[rule.peer] ?? 1), 0)).toBeLessThanOrEqual(60);
    }
  });

  it("admits the app's port from the load balancer's group only", () => {
    expect(ingress.filter((rule) => rule.group === "App")).toEqual([
      { group: "App", peer: "Alb", port: "tcp/5000-5000" },
    ]);
  });

  it("lets the app out to HTTPS anywhere, and to the database and cache groups on their ports", () => {
    expect(egress.filter((rule) => rule.group === "App")).toEqual(
      sorted([
        { group: "App", peer: "0.0.0.0/0", port: "tcp/443-443" },
        { group: "App", peer: "Database", port: "tcp/5432-5432" },
        { group: "App", peer: "Cache", port: "tcp/6379-6379" },
      ]),
    );
  });

  test.each([
    ["Database", "tcp/5432-5432"],
    ["Cache", "tcp/6379-6379"],
  ])("admits %s traffic from the app only, on %s, and allows it no egress", (tier, port) => {
    expect(ingress.filter((rule) => rule.group === tier)).toEqual([{ group: tier, peer: "App", port }]);
    expect(egress.filter((rule) => rule.group === tier)).toEqual([]);
  });

  it("lets nothing accept traffic from an internet CIDR, and only the load balancer from outside the VPC", () => {
    expect(ingress.filter((rule) => rule.peer.includes("/"))).toEqual([]);
    expect(ingress.filter((rule) => rule.peer.startsWith("pl-")).map((rule) => rule.group)).toEqual([
      "Alb",
      "AlbHealthChecks",
    ]);
  });

  it("uses the ports it is given", () => {
    const custom: Resources = JSON.parse(synth({ appPort: 8080, databasePort: 5433, cachePort: 6380 })).resource;
    expect(
      summarize(custom, "aws_vpc_security_group_ingress_rule").filter((rule) => !rule.peer.startsWith("pl-")),
    ).toEqual(
      sorted([
        { group: "App", peer: "Alb", port: "tcp/8080-8080" },
        { group: "Database", peer: "App", port: "tcp/5433-5433" },
        { group: "Cache", peer: "App", port: "tcp/6380-6380" },
      ]),
    );
  });

  test.each<[string, Partial<TierSecurityGroupsProps>, RegExp]>([
    ["port 0", { appPort: 0 }, /appPort: must be a whole number from 1 to 65535.*got 0/],
    ["a port above 65535", { databasePort: 70000 }, /databasePort: must be a whole number from 1 to 65535.*got 70000/],
    ["a fractional port", { cachePort: 6379.5 }, /cachePort: must be a whole number from 1 to 65535.*got 6379\.5/],
  ])("rejects %s", (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
