// Reads a request body without trusting Content-Length: the header is checked
// first, then the bytes are counted as they arrive and reading stops at the limit.

/** How much more than the limit is read and thrown away, so the client can read the 413. */
const DRAIN_FACTOR = 8;

/**
 * Reads and drops what is left of a body, up to `budget` bytes, then gives up
 * (cancelling drops the connection). Answering before the client has finished
 * sending makes many clients report a reset instead of the answer.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let dropped = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    dropped += value.byteLength;
    if (dropped > budget) {
      await reader.cancel().catch(() => undefined);
      return;
    }
  }
}

export type BodyText = { ok: true; text: string } | { ok: false; status: 400 | 413; error: string };

export async function readBodyText(request: Request, maxBytes: number): Promise<BodyText> {
  const tooLarge = {
    ok: false,
    status: 413,
    error: `The request body is larger than ${Math.floor(maxBytes / 1024).toLocaleString("en-GB")} KiB`,
  } as const;
  const declared = request.headers.get("Content-Length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) return tooLarge;
  if (!request.body) return { ok: true, text: "" };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await discardRest(reader, maxBytes * DRAIN_FACTOR);
      return tooLarge;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, error: "The request body is not valid UTF-8 text" };
  }
}
