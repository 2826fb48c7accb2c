/**
 * The conformance suite's own machinery, on made-up cassettes (the recorded
 * traffic itself is `npm run test:conformance`): a difference in status,
 * keys, types, client_secret, Link rels or errorCode is found; the allow-list
 * accepts only what it names, and reports entries nothing matched.
 */
import { applyAllowList, compareAnswers, keyTypes, parseAllowList, parseCassette, replayAll } from "./okta-vcr";

const where = { route: "GET /api/v1/apps/:appId", cassette: "T/oie-00.yaml", index: 0 };

describe("compareAnswers", () => {
  test("identical shapes agree on every key, whatever the values", () => {
    const r = compareAnswers({ status: 200, body: { id: "a", n: 1, list: [{ x: true }] } }, { status: 200, body: { id: "b", n: 2, list: [{ x: false }, { x: true }] } }, where);
    expect(r.differences).toEqual([]);
    expect(r.keys.agree).toBe(r.keys.union);
  });

  test("a status, a missing key, an extra key and a type change are each a difference", () => {
    const r = compareAnswers({ status: 200, body: { a: "x", b: null, c: 1 } }, { status: 201, body: { b: "now a string", c: 1, d: [] } }, where);
    expect(r.differences.map((d) => `${d.kind}:${d.key}`).sort()).toEqual(["extra:d", "missing:a", "status:", "type:b"]);
    expect(r.keys).toEqual({ union: 5, agree: 2 });
  });

  test("client_secret presence, Link rels and errorCode are behaviours of their own", () => {
    const secret = compareAnswers(
      { status: 200, body: { credentials: { oauthClient: { client_secret: "s" } } } },
      { status: 200, body: { credentials: { oauthClient: {} } } },
      where,
    );
    expect(secret.differences.map((d) => d.kind)).toContain("client_secret");
    // The secret's value is never reported, only whether it is there.
    expect(JSON.stringify(secret.differences)).not.toContain('"s"');
    const link = compareAnswers({ status: 200, body: [], link: ['<u>; rel="self"', '<v>; rel="next"'] }, { status: 200, body: [], link: ['<u>; rel="self"'] }, where);
    expect(link.differences.map((d) => `${d.kind}:${d.recorded}:${d.emulator}`)).toEqual(["link:next,self:self"]);
    const error = compareAnswers({ status: 404, body: { errorCode: "E0000007" } }, { status: 404, body: { errorCode: "E0000001" } }, where);
    expect(error.differences.map((d) => d.kind)).toEqual(["errorCode"]);
  });

  test("keyTypes merges array items under one path", () => {
    expect([...keyTypes({ a: [{ b: 1 }, { b: "x", c: null }] }).entries()].map(([k, v]) => `${k}=${[...v].sort().join("|")}`)).toEqual([
      "a=array",
      "a[]=object",
      "a[].b=number|string",
      "a[].c=null",
    ]);
  });
});

describe("the allow-list", () => {
  const entries = parseAllowList(JSON.stringify({ entries: [{ kind: "missing", route: "GET /api/v1/apps/:appId", key: "_links.*", reason: "links to features the emulator does not model" }, { kind: "extra", route: "GET /x", key: "y", reason: "an entry that nothing will match at all" }] }));

  test("accepts only the kind, route and key it names, and lists entries nothing matched", () => {
    const { differences } = compareAnswers({ status: 200, body: { _links: { a: {} }, b: 1 } }, { status: 200, body: {} }, where);
    const { failing, allowed, unused } = applyAllowList(differences, entries);
    // `_links.*` names what is under _links, not _links itself.
    expect(allowed.map((d) => d.key)).toEqual(["_links.a"]);
    expect(failing.map((d) => d.key).sort()).toEqual(["_links", "b"]);
    expect(unused.map((e) => e.route)).toEqual(["GET /x"]);
  });

  test.each([
    [{ entries: [{ kind: "missing", route: "GET /a", key: "k" }] }, /reason/],
    [{ entries: [{ kind: "nope", route: "GET /a", key: "k", reason: "long enough reason text" }] }, /kind/],
    [{ entries: [{ kind: "missing", route: "/a", key: "k", reason: "long enough reason text" }] }, /route/],
    [{}, /entries/],
  ])("an entry without a reason, kind or route is refused: %j", (doc, message) => {
    expect(() => parseAllowList(JSON.stringify(doc))).toThrow(message);
  });
});

describe("replayAll on a made-up cassette", () => {
  const cassette = (responseForGet: string, status = 200) =>
    parseCassette(
      "TestMadeUp/oie-00.yaml",
      `
version: 2
interactions:
  - request: { method: POST, url: "https://x.okta.com/api/v1/groups", body: '{"profile":{"name":"Eng"}}' }
    response: { code: 200, headers: {}, body: '{"id":"00gAAAAAAAAAAAAAAAAA","profile":{"name":"Eng","description":""}}' }
  - request: { method: GET, url: "https://x.okta.com/api/v1/groups/00gAAAAAAAAAAAAAAAAA", body: "" }
    response: { code: ${status}, headers: {}, body: '${responseForGet}' }
  - request: { method: GET, url: "https://x.okta.com/api/v1/users/00uAAAAAAAAAAAAAAAAA", body: "" }
    response: { code: 404, headers: {}, body: '{"errorCode":"E0000007"}' }
`,
    );

  test("seeds the group a recording created elsewhere, replays the read, counts the unemulated endpoint", async () => {
    const good = '{"id":"00gAAAAAAAAAAAAAAAAA","created":"x","lastUpdated":"x","lastMembershipUpdated":"x","objectClass":["okta:user_group"],"type":"OKTA_GROUP","profile":{"name":"Eng","description":""},"_links":{"logo":[{"name":"m","href":"h","type":"t"}],"users":{"href":"h"},"apps":{"href":"h"}}}';
    const result = await replayAll([cassette(good)]);
    expect(result).toMatchObject({ interactions: 3, replayed: 1, covered: ["GET /api/v1/groups/:groupId"], notCovered: { "GET /api/v1/users/{id}": 1 } });
    expect(result.differences).toEqual([]);
  });

  test("a recorded answer the emulator does not give is a difference", async () => {
    const result = await replayAll([cassette('{"errorCode":"E0000007"}', 404)]);
    expect(result.differences.map((d) => d.kind)).toContain("status");
  });
});
