import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import fc from "fast-check";
import { DiscoverError, nextLink, ReadOnlyClient } from "../../src/discover/http";

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
    await expect(client.oktaList("/api/v1/apps", "apps")).rejects.toThrow(/a pagination link points to another origin \(https:\/\/evil.example\) than http:\/\/127\.0\.0\.1:\d+; refusing to send the token there/);
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

describe("every URL is resolved with the URL parser and kept on the API's origin (issue 24)", () => {
  const TOKEN = "SSWS 00secret-token-never-shown";
  const client = new ReadOnlyClient("okta", "https://acme.okta.com", TOKEN);
  const page = new URL("https://acme.okta.com/api/v1/apps?limit=200");

  test.each([
    // The example: a relative link that string concatenation turned into another host.
    [".evil.com/steal", "https://acme.okta.com/api/v1/.evil.com/steal"],
    ["/api/v1/apps?after=x", "https://acme.okta.com/api/v1/apps?after=x"],
    ["?after=y", "https://acme.okta.com/api/v1/apps?after=y"],
    ["https://ACME.okta.com:443/api/v1/apps?after=z#frag", "https://acme.okta.com/api/v1/apps?after=z"],
    ["../../../../etc/passwd", "https://acme.okta.com/etc/passwd"],
    ["\t/api/v1/apps?after=tab\n", "https://acme.okta.com/api/v1/apps?after=tab"],
    // The same scheme without slashes is a relative path for the URL parser.
    ["https:evil.com/steal", "https://acme.okta.com/api/v1/evil.com/steal"],
  ])("%j stays on the origin: %s", (link, expected) => {
    expect(client.url(link, page).href).toBe(expected);
  });

  test.each([
    "https://evil.com/steal",
    "//evil.com/steal",
    "\\\\evil.com\\steal",
    "/\\evil.com/steal",
    "https://acme.okta.com.evil.com/api/v1/apps",
    "https://acme.okta.com@evil.com/api/v1/apps",
    "https://acme.okta.com:8443/api/v1/apps",
    "http://acme.okta.com/api/v1/apps",
    "https://acme.okta.com%2eevil.com/",
    "https://аcme.okta.com/api/v1/apps",
    "https://acme.okta.com./api/v1/apps",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/plain,x",
  ])("%j is refused, and the message never shows the token", (link) => {
    let message = "";
    try {
      client.url(link, page);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Okta: a pagination link (points to another origin|is not a URL)/);
    expect(message).not.toContain("secret-token");
  });

  test.each(["https://user:pw@acme.okta.com/api/v1/apps", "https://user@acme.okta.com/"])("%j carries a user name or password: refused", (link) => {
    expect(() => client.url(link, page)).toThrow(/carries a user name or password; refusing to send the token there/);
  });

  test("property: whatever a link says, it resolves to the API's origin without a user name, or it is refused", () => {
    const piece = fc.constantFrom("https:", "http:", "//", "/", "\\", "@", ":", ":443", ":8443", ".", "..", "evil.com", "acme.okta.com", "%2e", "%40", "#", "?", "\t", "\n", " ", "a", "xn--", "ACME.OKTA.COM", "user:pw@");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const link = pieces.join("");
        let resolved: URL | undefined;
        try {
          resolved = client.url(link, page);
        } catch (e) {
          expect((e as Error).message).not.toContain("secret-token");
          return;
        }
        expect(resolved.origin).toBe("https://acme.okta.com");
        expect(resolved.username + resolved.password).toBe("");
      }),
      { numRuns: 3000 },
    );
  });

  test("the API URL itself must be http(s) without a user name or password", () => {
    expect(() => new ReadOnlyClient("okta", "ftp://acme.okta.com", TOKEN)).toThrow(/must be an http\(s\) URL without a user name or password/);
    expect(() => new ReadOnlyClient("okta", "https://u:p@acme.okta.com", TOKEN)).toThrow(/without a user name or password/);
    expect(() => new ReadOnlyClient("okta", "not a url", TOKEN)).toThrow(/is not a URL/);
  });
});

describe("a hostile server on 127.0.0.1: the token goes to no other origin, pagination and bodies are bounded", () => {
  const TOKEN = "SSWS 00secret-token-never-shown";
  let api: Server;
  let evil: Server;
  let apiBase: string;
  let evilHost: string;
  let handle: (req: IncomingMessage, res: ServerResponse) => void;
  const apiSeen: string[] = [];
  const evilSeen: { url: string; authorization?: string }[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      apiSeen.push(req.url ?? "");
      handle(req, res);
    });
    evil = createServer((req, res) => {
      evilSeen.push({ url: req.url ?? "", authorization: req.headers.authorization });
      res.writeHead(200, { "content-type": "application/json" });
      res.end("[]");
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    evilHost = `127.0.0.1:${(evil.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    api.closeAllConnections();
    await new Promise<void>((resolve) => api.close(() => resolve()));
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  });
  beforeEach(() => {
    apiSeen.length = 0;
    evilSeen.length = 0;
  });

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => "",
      (e: Error) => {
        expect(e).toBeInstanceOf(DiscoverError);
        expect(e.message).not.toContain("secret-token");
        expect(e.message).not.toContain("\n");
        return e.message;
      },
    );

  test("links to another port, by every spelling, are refused and the other server never sees a request", async () => {
    const links = [`http://${evilHost}/x`, `//${evilHost}/x`, `\\\\${evilHost}\\x`, `/\\${evilHost}/x`, `http://127.0.0.1@${evilHost}/x`, `HTTP://${evilHost.toUpperCase()}/x`, `http://${evilHost}:80/x`.replace(/:\d+:80/, ""), ` http://${evilHost}/x`];
    for (const link of links) {
      handle = (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", link: `<${link}>; rel="next"` });
        res.end("[{}]");
      };
      expect(await failure(new ReadOnlyClient("okta", apiBase, TOKEN).oktaList("/api/v1/apps", "apps"))).toMatch(/a pagination link points to another origin/);
    }
    expect(evilSeen).toEqual([]);
    expect(apiSeen).toHaveLength(links.length);
  });

  test("a relative link is followed on the API's origin, as the URL parser resolves it", async () => {
    handle = (req, res) => {
      const after = new URL(req.url ?? "", apiBase).searchParams.get("after");
      res.writeHead(200, { "content-type": "application/json", ...(after === null ? { link: '<?after=2&limit=1>; rel="next"' } : {}) });
      res.end(JSON.stringify([{ page: after ?? "1" }]));
    };
    expect(await new ReadOnlyClient("okta", apiBase, TOKEN).oktaList("/api/v1/apps?limit=1", "apps")).toEqual([{ page: "1" }, { page: "2" }]);
    expect(apiSeen).toEqual(["/api/v1/apps?limit=1", "/api/v1/apps?after=2&limit=1"]);
  });

  test("a new cursor on every page ends at the page limit", async () => {
    let n = 0;
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", link: `<${apiBase}/api/v1/apps?after=c${++n}>; rel="next"` });
      res.end("[{}]");
    };
    expect(await failure(new ReadOnlyClient("okta", apiBase, TOKEN, { maxPages: 5 }).oktaList("/api/v1/apps", "apps"))).toBe("Okta: apps have more than 5 pages; stopped there (a server that never ends its pagination?)");
    expect(apiSeen).toHaveLength(5);
  });

  test("a cursor seen before, in another URL, ends the pagination", async () => {
    const cursors = ["a", "b", "a"];
    let n = 0;
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", link: `</api/v1/apps?after=${cursors[n]}&limit=${++n}>; rel="next"` });
      res.end("[{}]");
    };
    expect(await failure(new ReadOnlyClient("okta", apiBase, TOKEN).oktaList("/api/v1/apps", "apps"))).toMatch(/^Okta: the pagination of apps loops \(a cursor repeats on \/api\/v1\/apps\)$/);
    expect(apiSeen).toHaveLength(3);
  });

  test("Cloudflare pages end at the page limit whatever total_pages says", async () => {
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: true, result: [{}], result_info: { total_pages: 1e9 } }));
    };
    expect(await failure(new ReadOnlyClient("cloudflare", apiBase, "Bearer t", { maxPages: 4 }).cloudflareList("/l", "groups"))).toBe("Cloudflare: groups have more than 4 pages; stopped there (a server that never ends its pagination?)");
    expect(apiSeen).toHaveLength(4);
  });

  test("an endless body is abandoned at the body limit (streamed, never buffered whole)", async () => {
    const chunk = Buffer.alloc(64 * 1024, "[");
    let written = 0;
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const pump = () => {
        while (written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 64 * 1024 * 1024 && !res.destroyed) res.once("drain", pump);
        else res.end();
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    };
    const message = await failure(new ReadOnlyClient("okta", apiBase, TOKEN, { maxBodyBytes: 1024 * 1024 }).get("/api/v1/apps"));
    expect(message).toBe("Okta answered GET /api/v1/apps with a body larger than 1048576 bytes; refusing to read more");
    // The server was stopped long before its 64 MiB.
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  test("a declared Content-Length over the limit is refused before reading", async () => {
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) });
      res.write("[");
    };
    expect(await failure(new ReadOnlyClient("cloudflare", apiBase, "Bearer t", { maxBodyBytes: 1024 }).get("/x"))).toBe("Cloudflare answered GET /x with a body larger than 1024 bytes; refusing to read more");
  });

  test("a body sent too slowly is cut off by the request's timeout", async () => {
    handle = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      // ... and nothing more.
    };
    expect(await failure(new ReadOnlyClient("okta", apiBase, TOKEN, { timeoutMs: 200 }).get("/api/v1/apps"))).toBe("Okta: reading the answer to GET /api/v1/apps failed: timed out");
  });

  test("all requests and waits together stop at the client's total time", async () => {
    let clock = 0;
    handle = (_req, res) => {
      res.writeHead(429, { "content-type": "application/json" });
      res.end("{}");
    };
    const client = new ReadOnlyClient("okta", apiBase, TOKEN, { now: () => clock, sleep: (ms) => ((clock += ms), Promise.resolve()), totalTimeoutMs: 10_000, maxWaitMs: 4_000 });
    expect(await failure(client.get("/api/v1/apps"))).toBe("Okta: the requests took longer than 10 s in all; stopped");
    // 1 s, 2 s and 4 s of backoff fit in 10 s; the next 4 s does not.
    expect(apiSeen).toHaveLength(4);
  });

  test("a redirect is refused (the token would follow it)", async () => {
    handle = (_req, res) => {
      res.writeHead(302, { location: `http://${evilHost}/steal` });
      res.end();
    };
    expect(await failure(new ReadOnlyClient("okta", apiBase, TOKEN).get("/api/v1/apps"))).toMatch(/^cannot reach Okta at http:\/\/127\.0\.0\.1:\d+: /);
    expect(evilSeen).toEqual([]);
  });
});
