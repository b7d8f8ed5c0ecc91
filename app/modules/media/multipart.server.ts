/**
 * Reads a form that may carry a file. The whole upload is never held beyond
 * the limit: a file part stops being kept one byte past it (so the form's
 * schema reports it as too big), and the rest of the stream is drained.
 */
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { readForm } from "~/utils/read-form.server";

const MAX_TEXT_FIELD_BYTES = 64 * 1024;

async function collect(data: AsyncIterable<Uint8Array>, limit: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; total: number }> {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let total = 0;
  for await (const chunk of data) {
    total += chunk.byteLength;
    if (kept < limit) {
      const slice = chunk.subarray(0, limit - kept);
      chunks.push(slice);
      kept += slice.byteLength;
    }
  }
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes, total };
}

function uploadHandler(maxFileBytes: number): UploadHandler {
  return async ({ filename, contentType, data }) => {
    if (filename === undefined) {
      const { bytes } = await collect(data, MAX_TEXT_FIELD_BYTES);
      return new TextDecoder().decode(bytes);
    }
    // One byte over the limit is enough for the schema to say "too big".
    const { bytes } = await collect(data, maxFileBytes + 1);
    return new File([bytes], filename, { type: contentType });
  };
}

/** `readForm` (415/400 for anything but a form, text cleaned), with files kept only up to the limit. */
export async function readFormData(request: Request, options: { maxFileBytes: number }): Promise<FormData> {
  return readForm(request, (r) =>
    (r.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")
      ? unstable_parseMultipartFormData(r, uploadHandler(options.maxFileBytes))
      : r.formData(),
  );
}
