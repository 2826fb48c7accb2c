import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { nextLink, ReadOnlyClient } from "../../src/discover/http";

describe("nextLink (Okta's Link header)", () => {
  test.each([
    ['<https://a.okta.com/api/v1/apps?after=x>; rel="next"', "https://a.okta.com/api/v1/apps?after=x"],
    ['<https://a.okta.com/api/v1/apps>; rel="self", <https://a.okta.com/api/v1/apps?after=y&limit=2>; rel="next"', "https://a.okta.com/api/v1/apps?after=y&limit=2"],
    ['<https://a.okta.com/api/v1/apps>; rel="self"', undefined],
    ["garbage", undefined],
    ['<https://a.okta.com/x>; rel="nextpage"', undefined],
  ])("%s", (header, expected) => {
    expect(nextLink(new Headers({ link: header }))).toBe(expected);
  });
});

describe("ReadOnlyClient against a hostile server", () => {
  let server: Server;
  let base: string;
  let answer: (url: string) => { status: number; headers?: Record<string, string>; body: string };
  const seen: { url: string; authorization?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? "", authorization: req.headers.authorization });
      const a = answer(req.url ?? "");
      res.writeHead(a.status, { "content-type": "application/json", ...(a.headers ?? {}) });
      res.end(a.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (seen.length = 0));

  test("refuses a next link to another origin, so the token never goes there", async () => {
    answer = () => ({ status: 200, headers: { link: '<https://evil.example/steal>; rel="next"' }, body: "[]" });
    const client = new ReadOnlyClient("okta", base, "SSWS secret-token");
    await expect(client.oktaList("/api/v1/apps", "apps")).rejects.toThrow(/a pagination link points to another origin \(https:\/\/evil.example\); refusing to send the token there/);
    expect(seen).toHaveLength(1);
  });

  test("a next link that loops is an error, not an endless crawl", async () => {
    answer = () => ({ status: 200, headers: { link: `<${base}/api/v1/apps?after=a>; rel="next"` }, body: "[{}]" });
    await expect(new ReadOnlyClient("okta", base, "SSWS t").oktaList("/api/v1/apps", "apps")).rejects.toThrow(/pagination of apps loops/);
  });

  test("a body that is not JSON, and an error body, never reach the message", async () => {
    answer = () => ({ status: 200, body: "<html>secret-in-page</html>" });
    await expect(new ReadOnlyClient("cloudflare", base, "Bearer t").get("/x")).rejects.toThrow(/something that is not JSON/);
    answer = () => ({ status: 418, body: JSON.stringify({ errors: [{ code: 7, message: "secret-in-error" }] }) });
    const message = await new ReadOnlyClient("cloudflare", base, "Bearer t").get("/x").then(() => "", (e: Error) => e.message);
    expect(message).toMatch(/^Cloudflare answered 418 to GET \/x code 7$/);
    expect(message).not.toContain("secret-in-error");
  });

  test("Cloudflare pages end at result_info.total_pages; a missing result_info ends at an empty page", async () => {
    answer = (url) => {
      const page = Number(new URL(url, base).searchParams.get("page"));
      return { status: 200, body: JSON.stringify({ success: true, result: page <= 2 ? [{ page }] : [], result_info: { total_pages: 2 } }) };
    };
    expect(await new ReadOnlyClient("cloudflare", base, "Bearer t").cloudflareList("/l", "things")).toEqual([{ page: 1 }, { page: 2 }]);
    expect(seen).toHaveLength(2);
    answer = (url) => {
      const page = Number(new URL(url, base).searchParams.get("page"));
      return { status: 200, body: JSON.stringify({ success: true, result: page <= 3 ? [{ page }] : [] }) };
    };
    expect(await new ReadOnlyClient("cloudflare", base, "Bearer t").cloudflareList("/l", "things")).toHaveLength(3);
  });

  test("a 429 without headers backs off exponentially, capped", async () => {
    let n = 0;
    answer = () => (++n <= 3 ? { status: 429, body: "{}" } : { status: 200, body: "[]" });
    const waits: number[] = [];
    const client = new ReadOnlyClient("okta", base, "SSWS t", { sleep: (ms) => { waits.push(ms); return Promise.resolve(); }, maxWaitMs: 3000 });
    await client.get("/api/v1/apps");
    expect(waits).toEqual([1000, 2000, 3000]);
  });
});
