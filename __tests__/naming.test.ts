import { NAME_RULES, type NameKind, Namer } from "../src/naming";

describe("Namer", () => {
  const primary = new Namer("titan", "primary");
  const dr = new Namer("titan", "dr");

  it("joins project, scope and component", () => {
    expect(primary.name("aurora", "rdsCluster")).toBe("titan-primary-aurora");
    expect(dr.name("aurora", "rdsCluster")).toBe("titan-dr-aurora");
  });

  it("never gives primary and DR the same account-wide name", () => {
    for (const kind of Object.keys(NAME_RULES) as NameKind[]) {
      const component = "a-rather-long-component-name-for-a-deliberately-verbose-role-that-overflows-limits";
      expect(primary.name(component, kind)).not.toBe(dr.name(component, kind));
    }
  });

  test.each(Object.entries(NAME_RULES))("fits the %s limit, stable and unique when shortened", (kind, rule) => {
    const long = "x".repeat(300);
    const name = primary.name(long, kind as NameKind);
    expect(name.length).toBeLessThanOrEqual(rule.maxLength);
    expect(primary.name(long, kind as NameKind)).toBe(name);
    expect(primary.name(`${long}y`, kind as NameKind)).not.toBe(name);
  });

  it("keeps a short name whole", () => {
    expect(primary.name("alb", "loadBalancer")).toBe("titan-primary-alb");
  });

  it("appends the bucket suffix to S3 bucket names only", () => {
    const namer = new Namer("titan", "dr", "123456789012");
    expect(namer.bucket("tfstate")).toBe("titan-dr-tfstate-123456789012");
    expect(namer.name("tfstate")).toBe("titan-dr-tfstate");
    expect(namer.bucket("x".repeat(80)).length).toBeLessThanOrEqual(63);
  });

  test.each(["Upper", "two--hyphens", "-leading", "with space", ""])("rejects the component %p", (component) => {
    expect(() => primary.name(component)).toThrow(/lowercase words joined by single hyphens/);
  });

  it("names a counterpart in another scope", () => {
    expect(primary.forScope("global").name("waf", "wafAcl")).toBe("titan-global-waf");
  });
});
