// The organisation's update feed as electron-builder's generic provider writes it: `latest.yml`
// (or `beta.yml`; `-mac` / `-linux` on those platforms) beside the installers, on an HTTP(S)
// server the organisation hosts. A download is kept only when its size and sha512 (base64, as
// electron-builder writes it) match the feed: a truncated or altered file is deleted, never
// handed on for install. Plain Node (fetch), so it is tested against a local server.
import { createHash } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { acceptsVersion } from './update-timing.ts';

const FeedFileSchema = v.object({
  url: v.pipe(v.string(), v.minLength(1)),
  sha512: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512')),
  size: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

const FeedSchema = v.object({
  version: v.pipe(v.string(), v.regex(/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, 'version')),
  files: v.pipe(v.array(FeedFileSchema), v.minLength(1)),
  releaseDate: v.optional(v.string()),
});

export type FeedFile = v.InferOutput<typeof FeedFileSchema>;
export type Feed = v.InferOutput<typeof FeedSchema>;

/** The feed file's name: `latest` for the stable channel, else the channel's name; `-mac` / `-linux` as electron-builder names them. */
export function feedFileName(channel: 'stable' | 'beta', platform: NodeJS.Platform = process.platform): string {
  const suffix = platform === 'darwin' ? '-mac' : platform === 'linux' ? '-linux' : '';
  return `${channel === 'stable' ? 'latest' : channel}${suffix}.yml`;
}

/** Reads a feed file's text; throws naming the field that is wrong. */
export function parseFeed(text: string): Feed {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 0 });
  } catch (error) {
    throw new Error(`update feed: not YAML: ${(error as Error).message}`, { cause: error });
  }
  const result = v.safeParse(FeedSchema, raw);
  if (!result.success) throw new Error(`update feed: ${result.issues.map((i) => `${v.getDotPath(i) ?? '(file)'}: ${i.message}`).join(', ')}`);
  return result.output;
}

const MAX_FEED_BYTES = 1 << 20;

function feedUrl(base: string, name: string): URL {
  const url = new URL(name, base.endsWith('/') ? base : `${base}/`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`update feed: not an http(s) address: ${base}`);
  return url;
}

async function get(url: URL, timeoutMs: number): Promise<Response> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  if (!response.ok || !response.body) throw new Error(`update feed: ${url.href}: HTTP ${response.status}`);
  return response;
}

/** Reads the feed at `base`; the newer version it offers and its file, or undefined when it offers nothing newer than `running`. */
export async function checkFeed(base: string, options: { running: string; channel?: 'stable' | 'beta'; platform?: NodeJS.Platform; timeoutMs?: number }): Promise<{ feed: Feed; file: FeedFile } | undefined> {
  const url = feedUrl(base, feedFileName(options.channel ?? 'stable', options.platform));
  const response = await get(url, options.timeoutMs ?? 30_000);
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_FEED_BYTES) throw new Error(`update feed: ${url.href}: larger than ${MAX_FEED_BYTES} bytes`);
  const feed = parseFeed(text);
  if (!acceptsVersion(options.running, feed.version)) return undefined;
  return { feed, file: feed.files[0]! };
}

/**
 * Downloads `file` (relative to the feed) to `dest`, through `dest.part`: kept only when its size
 * and sha512 are the feed's; otherwise nothing is left at `dest` and the promise rejects.
 */
export async function downloadVerified(base: string, file: FeedFile, dest: string, options: { timeoutMs?: number } = {}): Promise<string> {
  const url = feedUrl(base, file.url);
  const part = `${dest}.part`;
  const hash = createHash('sha512');
  let bytes = 0;
  const out = createWriteStream(part, { mode: 0o600 });
  try {
    const response = await get(url, options.timeoutMs ?? 30 * 60_000);
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (bytes > file.size) throw new Error(`update ${file.url}: larger than the feed's ${file.size} bytes`);
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    if (bytes !== file.size) throw new Error(`update ${file.url}: ${bytes} bytes, the feed says ${file.size} (truncated)`);
    const sha512 = hash.digest('base64');
    if (sha512 !== file.sha512) throw new Error(`update ${file.url}: sha512 does not match the feed's`);
    renameSync(part, dest);
    return dest;
  } catch (error) {
    if (!out.closed) {
      out.destroy();
      await once(out, 'close');
    }
    rmSync(part, { force: true });
    throw error;
  }
}
