import { block, canonical, canonicalTemplate, expressions, isExpression, JsonObject, mapReferences, referencedAddresses, referenceTo, withoutMetadata } from "../../src/review/terraform-json";

describe("Terraform JSON helpers", () => {
  test("a single reference names its resource, data source included", () => {
    expect(referenceTo("${okta_app_oauth.Okta_App_5B285C31.client_id}")).toBe("okta_app_oauth.Okta_App_5B285C31");
    expect(referenceTo("${data.okta_everyone_group.all.id}")).toBe("data.okta_everyone_group.all");
    expect(referenceTo("${okta_group.eng.id}")).toBe("okta_group.eng");
  });

  test("variables, locals, literals and compound expressions are not single references", () => {
    expect(referenceTo("${var.client_id}")).toBeUndefined();
    expect(referenceTo("${local.ids}")).toBeUndefined();
    expect(referenceTo("0oa1b2c3")).toBeUndefined();
    expect(referenceTo("${tolist(okta_group.eng.id)}")).toBeUndefined();
    expect(referenceTo(42)).toBeUndefined();
  });

  test("referencedAddresses finds every resource inside expressions, not in literal text or quoted strings", () => {
    expect(referencedAddresses('https://${okta_app_oauth.a.id}/wiki.example.com ${join(",", [okta_group.b.id, "x.y.z"])}')).toEqual([
      "okta_app_oauth.a",
      "okta_group.b",
    ]);
    expect(referencedAddresses("wiki.example.com")).toEqual([]);
    expect(referencedAddresses("${var.a.b}")).toEqual([]);
  });

  test("$${ is Terraform's escape for a literal ${", () => {
    expect(isExpression("$${not.an.expression}")).toBe(false);
    expect(isExpression("${okta_app_oauth.a.id}")).toBe(true);
    expect(isExpression("a ${b.c.d}")).toBe(true);
    expect(expressions("a $${x} ${y.z.w} ${ {a = 1} }")).toEqual(["y.z.w", " {a = 1} "]);
  });

  test("mapReferences renames addresses inside expressions only", () => {
    const mapped = mapReferences(
      { id: "${okta_app_oauth.old.id}", name: "okta_app_oauth.old", list: ["${data.okta_group.g.id}"] },
      (a) => (a === "okta_app_oauth.old" ? "okta_app_oauth.new" : a.toUpperCase()),
    );
    expect(mapped).toEqual({ id: "${okta_app_oauth.new.id}", name: "okta_app_oauth.old", list: ["${DATA.OKTA_GROUP.G.id}"] });
  });

  test("a key named __proto__ is data: mapReferences and withoutMetadata keep it as an own property", () => {
    const body = JSON.parse('{"//": {"metadata": {}}, "tags": {"__proto__": "${okta_app_oauth.old.id}"}, "__proto__": {"team": "sre"}}') as JsonObject;
    const mapped = mapReferences(body, (a) => a.replace("old", "new"));
    expect(canonical(mapped)).toBe('{"//":{"metadata":{}},"__proto__":{"team":"sre"},"tags":{"__proto__":"${okta_app_oauth.new.id}"}}');
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype);
    expect(canonical(withoutMetadata(body))).toBe('{"__proto__":{"team":"sre"},"tags":{"__proto__":"${okta_app_oauth.old.id}"}}');
  });

  test("canonicalTemplate: canonical's text cut at the open strings, so writing them in changed gives the canonical text of the changed value", () => {
    const value = JSON.parse('{"b": ["${x.y.id}", 1, {"z": null, "a": "${x.y.id}-2"}], "a": "plain", "__proto__": "${p.q.r}"}') as JsonObject;
    const { texts, open } = canonicalTemplate(value, (text) => text.includes("${"));
    expect(open).toEqual(["${p.q.r}", "${x.y.id}", "${x.y.id}-2"]);
    expect(texts).toEqual(['{"__proto__":', ',"a":"plain","b":[', ',1,{"a":', ',"z":null}]}']);
    const changed = mapReferences(value, (a) => `${a}_new`);
    const written = open.map((text) => JSON.stringify(mapReferences(text, (a) => `${a}_new`)));
    expect(texts.map((t, i) => t + (written[i] ?? "")).join("")).toBe(canonical(changed));
    expect(canonicalTemplate(value, () => false)).toEqual({ texts: [canonical(value)], open: [] });
  });

  test("a block is an object or the first object of a list (both are valid Terraform JSON)", () => {
    expect(block({ a: 1 })).toEqual({ a: 1 });
    expect(block([{ a: 2 }])).toEqual({ a: 2 });
    expect(block("x")).toBeUndefined();
    expect(block([])).toBeUndefined();
  });
});
