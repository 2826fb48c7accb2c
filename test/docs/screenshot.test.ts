import { readFileSync } from "node:fs";
import * as path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { readTextChunks, sha256, SOURCE_KEY, withTextChunk } from "../../scripts/png-text";
import { SAMPLE_CASE } from "../review/golden-cases";

const ROOT = path.resolve(__dirname, "..", "..");

test("docs/review-comment.png shows the current sample review (else: npm run screenshot:review)", () => {
  const png = readFileSync(path.join(ROOT, "docs", "review-comment.png"));
  const golden = readFileSync(path.join(ROOT, "test", "review", "__golden__", `${SAMPLE_CASE}.md`), "utf8");
  expect(readTextChunks(png).get(SOURCE_KEY)).toBe(sha256(golden));
  // 820 px wide, as GitHub's comment column (IHDR width).
  expect(png.readUInt32BE(16)).toBe(820);
});

describe("PNG text chunks", () => {
  // A 1 x 1 grey PNG, built here.
  function chunk(type: string, data: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  }
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from([0, 128]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);

  test("a chunk is added before IEND, read back, and replaced rather than repeated", () => {
    expect(readTextChunks(png).size).toBe(0);
    const once = withTextChunk(png, "k", "v1");
    expect(readTextChunks(once)).toEqual(new Map([["k", "v1"]]));
    expect(once.subarray(once.length - 12)).toEqual(png.subarray(png.length - 12));
    const twice = withTextChunk(once, "k", "v2");
    expect(readTextChunks(twice)).toEqual(new Map([["k", "v2"]]));
    expect(twice.length).toBe(once.length);
  });

  test("a file that is not a PNG, or is cut short, is refused", () => {
    expect(() => readTextChunks(Buffer.from("GIF89a"))).toThrow(/not a PNG/);
    expect(() => readTextChunks(png.subarray(0, png.length - 3))).toThrow(/truncated PNG chunk/);
    expect(() => withTextChunk(png, "", "v")).toThrow(/bad PNG text keyword/);
  });
});
