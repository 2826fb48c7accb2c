import * as fc from "fast-check";
import * as semver from "semver";
import {
  allows,
  assessConstraint,
  ConstraintSyntaxError,
  describeAllowed,
  FEATURES,
  KNOWN_BAD,
  lowestAllowed,
  parseConstraint,
  SUPPORTED,
} from "../../src/private/provider-versions";

const c = parseConstraint;

describe("parseConstraint: Terraform's syntax", () => {
  test.each([
    ["1", [{ operator: "=", version: "1.0.0", numbers: 1 }]],
    ["1.1", [{ operator: "=", version: "1.1.0", numbers: 2 }]],
    ["= 1.1.1", [{ operator: "=", version: "1.1.1", numbers: 3 }]],
    ["!= 1.1.1", [{ operator: "!=", version: "1.1.1", numbers: 3 }]],
    [">1.1.1", [{ operator: ">", version: "1.1.1", numbers: 3 }]],
    [">= 1.1", [{ operator: ">=", version: "1.1.0", numbers: 2 }]],
    ["< 2", [{ operator: "<", version: "2.0.0", numbers: 1 }]],
    ["<= 1.1.1", [{ operator: "<=", version: "1.1.1", numbers: 3 }]],
    ["~> 1.2", [{ operator: "~>", version: "1.2.0", numbers: 2 }]],
    ["1.0-beta2", [{ operator: "=", version: "1.0.0-beta2", numbers: 2 }]],
    ["1.0.0-beta1+foo.bar", [{ operator: "=", version: "1.0.0-beta1+foo.bar", numbers: 3 }]],
    // Terraform accepts a trailing comma, and a numeric pre-release identifier with a leading zero.
    ["~> 1.2,", [{ operator: "~>", version: "1.2.0", numbers: 2 }]],
    ["1.0.0-beta.01", [{ operator: "=", version: "1.0.0-beta.01", numbers: 3 }]],
    [
      " >= 4.20.0 ,<= 6.12.0,!=6.5.1 ",
      [
        { operator: ">=", version: "4.20.0", numbers: 3 },
        { operator: "<=", version: "6.12.0", numbers: 3 },
        { operator: "!=", version: "6.5.1", numbers: 3 },
      ],
    ],
  ])("%j", (text, clauses) => {
    expect(c(text).clauses).toEqual(clauses);
  });

  test.each([
    ["", "it is empty"],
    ["   ", "it is empty"],
    ["=> 1.1.1", 'invalid operator "=>"; did you mean ">="?'],
    ["=< 1.1.1", 'invalid operator "=<"; did you mean "<="?'],
    ["^1.2", 'invalid operator "^"'],
    ["~ 1.2", 'invalid operator "~"'],
    ["== 1", 'invalid operator "=="'],
    ["& 1.1.0", 'invalid operator "&"'],
    ["v1.0.0", 'a "v" prefix is not allowed'],
    [">= v1.0.0", 'a "v" prefix is not allowed'],
    [">= 1.0, < v2.0", 'a "v" prefix is not allowed'],
    ["=  1.1.1", 'only one space is allowed after the operator "="'],
    ["1.*.*", "wildcards are not allowed; leave out the numbers that may vary"],
    ["1.0.x", "wildcards are not allowed; leave out the numbers that may vary"],
    ["1.0.0.0", '"1.0.0.0" has more than three numbers (major, minor, patch)'],
    ["garbage", '"garbage" is not a version'],
    ["1.0 || 2.0", 'a comma is missing before "|| 2.0"'],
    [">= 1.0 < 2", 'a comma is missing before "< 2"'],
    ["1.0.0 - 2.0.0", 'a comma is missing before "- 2.0.0"'],
    [">=", 'no version after ">="'],
    [",", 'no version after ","'],
  ])("%j is refused: %s", (text, reason) => {
    let error: unknown;
    try {
      c(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstraintSyntaxError);
    expect((error as ConstraintSyntaxError).reason).toBe(reason);
    expect((error as Error).message).toBe(`${JSON.stringify(text)} is not a valid Terraform version constraint: ${reason}`);
  });
});

describe("allows: Terraform's meaning", () => {
  test.each([
    // ~> lets only the last given number grow (Terraform's documentation).
    ["~> 1.0.4", "1.0.5", true],
    ["~> 1.0.4", "1.0.10", true],
    ["~> 1.0.4", "1.1.0", false],
    ["~> 1.0.4", "1.0.3", false],
    ["~> 1.1", "1.2.0", true],
    ["~> 1.1", "1.10.0", true],
    ["~> 1.1", "2.0.0", false],
    ["~> 1.1", "1.0.9", false],
    ["~> 1", "1.3.0", true],
    ["~> 1", "2.0.0", false],
    ["~> 0.2", "0.9.0", true],
    ["~> 0.2", "1.0.0", false],
    ["~> 1.2.3-beta", "1.2.3", true],
    ["~> 1.2.3-beta", "1.3.0", false],
    [">= 1.2.0, < 2.0.0", "1.99.0", true],
    [">= 1.2.0, < 2.0.0", "2.0.0", false],
    [">= 1.2", "1.2.0", true],
    ["> 1.2", "1.2.0", false],
    ["> 1.2", "1.2.1", true],
    ["<= 1.2", "1.2.0", true],
    ["< 1.2", "1.2.0", false],
    ["1.2", "1.2.0", true],
    ["= 1.2.0", "1.2.1", false],
    ["!= 6.5.2, >= 6.5.0", "6.5.2", false],
    ["!= 6.5.2, >= 6.5.0", "6.5.3", true],
    // Pre-releases: only when named exactly.
    [">= 1.0.0", "1.0.0-beta1", false],
    [">= 1.0.0", "2.0.0-beta1", false],
    [">= 6.0.0-beta1", "6.0.0-beta1", false],
    [">= 6.0.0-beta1", "6.0.0", true],
    ["2.0.0-beta1", "2.0.0-beta1", true],
    ["= 2.0.0-beta1", "2.0.0-beta2", false],
    ["!= 2.0.0-beta1, 2.0.0-beta1", "2.0.0-beta1", false],
    [">= 2.0.0-alpha, 2.0.0-beta1", "2.0.0-beta1", true],
    // Build metadata does not take part in precedence, but = and != compare it.
    ["= 1.0.0+foo", "1.0.0", false],
    ["= 1.0.0+foo", "1.0.0+foo", true],
    ["!= 1.0.0+foo", "1.0.0", true],
    ["> 1.0.0", "1.0.0+build.5", false],
    [">= 1.0.0", "1.0.0+build.5", true],
    // Numeric pre-release identifiers: by length first, as Terraform orders them.
    [">= 1.0.0-beta.2, 1.0.0-beta.01", "1.0.0-beta.01", true],
    ["< 1.0.0-beta.2, 1.0.0-beta.01", "1.0.0-beta.01", false],
    // No constraint allows 0.0.0 (Terraform's "unspecified" version).
    ["< 1.0.0", "0.0.0", false],
    ["= 0.0.0", "0.0.0", false],
  ])("%j allows %s: %s", (constraint, version, expected) => {
    expect(allows(version, c(constraint))).toBe(expected);
  });

  test("several constraints are all required", () => {
    expect(allows("5.19.1", c(">= 5.14.0"), c("< 5.20.0"))).toBe(true);
    expect(allows("5.20.0", c(">= 5.14.0"), c("< 5.20.0"))).toBe(false);
  });

  test("a version that is not semantic is refused", () => {
    expect(() => allows("6.x", c(">= 1"))).toThrow('"6.x" is not a version (major.minor.patch[-pre-release][+metadata])');
  });
});

describe("lowestAllowed and describeAllowed", () => {
  test.each([
    [">= 4.20.0, <= 6.12.0", "4.20.0", "4.20.0 up to <= 6.12.0"],
    ["~> 6.4.0", "6.4.0", "6.4.0 up to < 6.5.0"],
    ["> 6.4.0", "6.4.1", "6.4.1 and later"],
    ["5.14.0", "5.14.0", "only 5.14.0"],
    ["!= 1.0.0, >= 1.0.0, < 1.0.2", "1.0.1", "1.0.1 up to < 1.0.2"],
    ["> 1.0.0, < 1.0.1", undefined, "no version at all"],
    ["> 1.0.0-rc1, < 1.0.1", "1.0.0", "1.0.0 up to < 1.0.1"],
    [">= 2.0.0, < 1.0.0", undefined, "no version at all"],
    ["= 6.0.0-beta1", "6.0.0-beta1", "only 6.0.0-beta1"],
    ["< 0.0.1", undefined, "no version at all"],
    ["< 0.0.2", "0.0.1", "0.0.1 up to < 0.0.2"],
    ["= 1.2.1+build.1", "1.2.1+build.1", "only 1.2.1+build.1"],
  ])("%j", (constraint, lowest, words) => {
    expect(lowestAllowed(c(constraint))).toBe(lowest);
    expect(describeAllowed(c(constraint))).toBe(words);
  });

  test("several constraints intersect", () => {
    expect(lowestAllowed(c(SUPPORTED.cloudflare.constraint), c(">= 5.20.0"))).toBe("5.20.0");
    expect(lowestAllowed(c("~> 5.14.0"), c(">= 5.20.0"))).toBeUndefined();
  });

  // A small universe of versions, with pre-releases, and constraints over the
  // same numbers: the lowest version the constraints allow must be the
  // smallest member of the universe they allow (the universe reaches one
  // number past the constraints, so the answer is always inside it).
  const N = [0, 1, 2, 3];
  const PRE = ["", "-alpha", "-beta.2", "-rc.1"];
  const UNIVERSE = N.concat(4)
    .flatMap((a) => [0, 1, 2, 3, 4].flatMap((b) => [0, 1, 2, 3, 4].flatMap((p) => PRE.map((pre) => `${a}.${b}.${p}${pre}`))))
    .sort(semver.compare);
  const clause = fc
    .tuple(
      fc.constantFrom("", "=", "!=", ">", ">=", "<", "<=", "~>"),
      fc.integer({ min: 1, max: 3 }),
      fc.tuple(fc.constantFrom(...N), fc.constantFrom(...N), fc.constantFrom(...N)),
      fc.constantFrom(...PRE),
      fc.boolean(),
    )
    .map(([op, count, nums, pre, space]) => {
      const numbers = nums.slice(0, pre === "" ? count : 3).join(".");
      return `${op}${op !== "" && space ? " " : ""}${numbers}${pre}`;
    });
  const constraint = fc.array(clause, { minLength: 1, maxLength: 4 }).map((clauses) => clauses.join(", "));

  test("lowestAllowed is the smallest allowed member of a universe (property)", () => {
    fc.assert(
      fc.property(constraint, (text) => {
        const parsed = c(text);
        const expected = UNIVERSE.find((v) => allows(v, parsed));
        expect(lowestAllowed(parsed)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  test("allows agrees with semver ranges for release versions and clauses without != or ~> (property)", () => {
    // For release versions and the plain comparison operators, Terraform and
    // npm mean the same: semver.satisfies is an independent oracle.
    const plain = fc
      .array(
        fc.tuple(fc.constantFrom("=", ">", ">=", "<", "<="), fc.tuple(fc.constantFrom(...N), fc.constantFrom(...N), fc.constantFrom(...N))),
        { minLength: 1, maxLength: 3 },
      )
      .map((clauses) => clauses.map(([op, nums]) => ({ op, version: nums.join(".") })));
    fc.assert(
      // 0.0.0 left out: no Terraform constraint allows it.
      fc.property(plain, fc.constantFrom(...UNIVERSE.filter((v) => !v.includes("-") && v !== "0.0.0")), (clauses, version) => {
        const terraform = clauses.map((x) => `${x.op} ${x.version}`).join(", ");
        const npm = clauses.map((x) => `${x.op}${x.version}`).join(" ");
        expect(allows(version, c(terraform))).toBe(semver.satisfies(version, npm));
      }),
      { numRuns: 400 },
    );
  });

  test("a constraint parses back to the same meaning from its clauses (property)", () => {
    fc.assert(
      fc.property(constraint, (text) => {
        const parsed = c(text);
        const rebuilt = c(parsed.clauses.map((x) => `${x.operator} ${x.numbers === 3 ? x.version : x.version.split(".").slice(0, x.numbers).join(".")}`).join(", "));
        for (const v of UNIVERSE.filter((_, i) => i % 7 === 0)) expect(allows(v, rebuilt)).toBe(allows(v, parsed));
      }),
      { numRuns: 60 },
    );
  });
});

describe("the supported range", () => {
  test("okta 4.20.0 to 6.12.0 and cloudflare 5.14.0 to 5.22.0", () => {
    expect(SUPPORTED.okta).toMatchObject({ source: "okta/okta", oldest: "4.20.0", newest: "6.12.0" });
    expect(SUPPORTED.cloudflare).toMatchObject({ source: "cloudflare/cloudflare", oldest: "5.14.0", newest: "5.22.0" });
  });

  test("the default constraints leave out the versions that are bad for every stack, and nothing else", () => {
    expect(SUPPORTED.okta.constraint).toBe(">= 4.20.0, <= 6.12.0, != 6.5.1, != 6.5.2, != 6.5.3, != 6.5.4");
    expect(SUPPORTED.cloudflare.constraint).toBe(">= 5.14.0, <= 5.22.0");
    const okta = c(SUPPORTED.okta.constraint);
    for (const v of ["4.20.0", "5.0.0", "6.5.0", "6.5.5", "6.12.0"]) expect(allows(v, okta)).toBe(true);
    for (const v of ["4.19.0", "6.5.1", "6.5.4", "6.12.1", "6.13.0"]) expect(allows(v, okta)).toBe(false);
  });

  test("every feature and known-bad range is well-formed, with its evidence", () => {
    for (const feature of Object.values(FEATURES)) {
      expect(semver.valid(feature.minimum)).toBe(feature.minimum);
      expect(feature.evidence).not.toBe("");
    }
    for (const bad of KNOWN_BAD) {
      expect(lowestAllowed(c(bad.versions), c(`>= ${SUPPORTED[bad.provider].oldest}, <= ${SUPPORTED[bad.provider].newest}`))).toBeDefined();
      expect(allows(bad.fixedIn, c(bad.versions))).toBe(false);
    }
  });
});

describe("assessConstraint", () => {
  test("no constraint, and the default range, pass", () => {
    expect(assessConstraint("okta", undefined)).toEqual({ errors: [], warnings: [] });
    expect(assessConstraint("okta", SUPPORTED.okta.constraint)).toEqual({ errors: [], warnings: [] });
    expect(assessConstraint("cloudflare", SUPPORTED.cloudflare.constraint)).toEqual({ errors: [], warnings: [] });
  });

  test("a feature the constraint cannot provide is an error naming both versions", () => {
    expect(assessConstraint("okta", "~> 6.4.0", { features: ["oktaAppFederatedClaim"] }).errors).toEqual([
      `okta_app_federated_claim needs okta >= 6.5.5, but the okta version constraint "~> 6.4.0" allows 6.4.0 up to < 6.5.0. Allow okta 6.5.5 or later (supported: ${SUPPORTED.okta.constraint}).`,
    ]);
    // A constraint that also allows older versions is not refused: Terraform takes the newest.
    expect(assessConstraint("okta", ">= 6.0.0", { features: ["oktaAppFederatedClaim"] }).errors).toEqual([]);
  });

  test("cloudflare 4.x is refused: the construct writes the v5 schema", () => {
    const { errors } = assessConstraint("cloudflare", "~> 4.52");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/needs cloudflare >= 5\.0\.0, but the cloudflare version constraint "~> 4\.52" allows 4\.52\.0 up to < 5\.0\.0/);
  });

  test("okta 6.5.1-6.5.4 warn for every stack; SCIM below 5.20 only when SCIM is turned on for an existing identity provider", () => {
    const okta = assessConstraint("okta", "6.5.3");
    expect(okta.errors).toEqual([]);
    expect(okta.warnings).toEqual([expect.stringMatching(/^the okta version constraint "6\.5\.3" allows okta 6\.5\.3, one of the versions >= 6\.5\.1, <= 6\.5\.4 in which okta_app_oauth\.consent_method drifts.*Require okta >= 6\.5\.5 \(for example ">= 6\.5\.5, <= 6\.12\.0"\)\.$/)]);
    expect(assessConstraint("okta", "~> 6.5.0").warnings[0]).toContain('(for example "~> 6.5.0, >= 6.5.5")');
    expect(assessConstraint("cloudflare", "5.14.0").warnings).toEqual([]);
    const scim = assessConstraint("cloudflare", SUPPORTED.cloudflare.constraint, { conditions: ["scim-on-existing-identity-provider"] });
    expect(scim.warnings).toEqual([expect.stringContaining("allows cloudflare 5.14.0, one of the versions < 5.20.0 in which turning scim_config on for an existing identity provider fails")]);
    expect(assessConstraint("cloudflare", ">= 5.20.0", { conditions: ["scim-on-existing-identity-provider"] }).warnings).toEqual([]);
  });

  test("a constraint outside the tested range warns; a malformed one is an error", () => {
    expect(assessConstraint("okta", "~> 6.13").warnings).toEqual([
      `the okta version constraint "~> 6.13" allows 6.13.0 up to < 7.0.0, none of the versions this library is tested with (4.20.0 to 6.12.0). Use ${SUPPORTED.okta.constraint}.`,
    ]);
    expect(assessConstraint("okta", "=> 6")).toEqual({
      errors: ['the okta version constraint "=> 6" is not valid Terraform (invalid operator "=>"; did you mean ">="?); terraform init would refuse it.'],
      warnings: [],
    });
  });
});

test("numbers of any size, compared and incremented exactly (Terraform reads uint64)", () => {
  expect(allows("18446744073709551615.0.0", c("> 9999999999999999999"))).toBe(true);
  expect(allows("9999999999999999999.0.0", c("> 9999999999999999999"))).toBe(false);
  expect(lowestAllowed(c("> 1.2.99999999999999999999"))).toBe("1.2.100000000000000000000");
  expect(lowestAllowed(c("~> 1.9, != 1.9.0, != 1.9.1"))).toBe("1.9.2");
  expect(describeAllowed(c("~> 9.99.9"))).toBe("9.99.9 up to < 9.100.0");
  expect(c("~> 01.002").clauses[0].version).toBe("1.2.0");
});
