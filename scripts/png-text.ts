/**
 * PNG text chunks (tEXt, PNG 1.2 section 11.3.4.3): `npm run
 * screenshot:review` records in docs/review-comment.png the SHA-256 of the
 * Markdown it rendered, and a test compares it with the sample review's
 * golden file, so the picture cannot silently fall behind the review.
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The key under which the screenshot records what it shows. */
export const SOURCE_KEY = "cdktf-okta-access:source-sha256";

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

interface Chunk {
  readonly type: string;
  readonly data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error("not a PNG file");
  const out: Chunk[] = [];
  for (let at = SIGNATURE.length; at < png.length; ) {
    if (at + 12 > png.length) throw new Error(`truncated PNG chunk at byte ${at}`);
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    if (at + 12 + length > png.length) throw new Error(`truncated PNG chunk ${type} at byte ${at}`);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

function encode(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** The tEXt chunks of a PNG, keyword → text (Latin-1). */
export function readTextChunks(png: Buffer): Map<string, string> {
  const text = new Map<string, string>();
  for (const c of chunks(png)) {
    if (c.type !== "tEXt") continue;
    const nul = c.data.indexOf(0);
    if (nul > 0) text.set(c.data.toString("latin1", 0, nul), c.data.toString("latin1", nul + 1));
  }
  return text;
}

/** The PNG with a tEXt chunk `keyword` = `text` before its end, replacing one of the same keyword. */
export function withTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`bad PNG text keyword ${JSON.stringify(keyword)}`);
  const kept = chunks(png).filter((c) => !(c.type === "tEXt" && c.data.toString("latin1", 0, c.data.indexOf(0)) === keyword));
  const end = kept.findIndex((c) => c.type === "IEND");
  if (end < 0) throw new Error("PNG without IEND");
  const added = { type: "tEXt", data: Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), Buffer.from(text, "latin1")]) };
  return Buffer.concat([SIGNATURE, ...[...kept.slice(0, end), added, ...kept.slice(end)].map((c) => encode(c.type, c.data))]);
}
