/**
 * Every request's body is bounded before anything parses it: its type (a
 * form), its size (small for text forms, larger only for the photo upload
 * pages and only with a session cookie), and its number of fields and of
 * repeats of one field — the query string's too. A refusal is a plain
 * 413/415/400 sent at once; nothing behind this middleware runs. An accepted
 * body is kept in memory (at most the limit) and handed to Remix from there.
 */
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import {
  MAX_FORM_BYTES,
  MAX_UPLOAD_BYTES,
  fieldShapeRefusal,
  multipartBoundary,
  multipartFieldNames,
  notAForm,
  tooLarge,
  type LimitRefusal,
} from "../../app/utils/form-limits.server";

const bodiless = new Set(["GET", "HEAD", "OPTIONS"]);
const bodies = new WeakMap<ExpressRequest, Buffer>();

/** The pages whose form carries a file (a photo, an import); `.data` is how Remix's client posts to the same action. */
const uploadPaths = [
  /^\/organiser\/activities\/new(\.data)?$/,
  /^\/organiser\/activities\/[^/]+\/edit(\.data)?$/,
  /^\/organisations\/[^/]+\/import(\.data)?$/,
  /^\/admin\/import(\.data)?$/,
];

/** The only endpoints that take JSON: the text-message provider's callbacks (delivery receipts, replies). */
const jsonPaths = [/^\/api\/texts\/(status|inbound)$/];

/** The most this request may send: only a signed-in organiser's photo page gets more than a text form. */
export function maxBodyBytes(path: string, cookieHeader: string | undefined): number {
  const signedIn = /(^|;\s*)(__Host-)?linkway_session=/.test(cookieHeader ?? "");
  return signedIn && uploadPaths.some((p) => p.test(path)) ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
}

/** The body the limits accepted, for the Remix adapter; undefined for a request without one. */
export function acceptedBody(req: ExpressRequest): Buffer | undefined {
  return bodies.get(req);
}

function refuse(req: ExpressRequest, res: ExpressResponse, refusal: LimitRefusal) {
  // The rest of an oversized body is not read: closing the connection is cheaper than draining it.
  res.set("Connection", "close").set("Cache-Control", "no-store");
  if (req.path.startsWith("/api/")) res.status(refusal.status).json({ error: refusal.message });
  else res.status(refusal.status).type("text/plain; charset=utf-8").send(refusal.message);
}

function queryString(url: string): string {
  const at = url.indexOf("?");
  return at === -1 ? "" : url.slice(at + 1);
}

function bodyRefusal(type: string, fullType: string, body: Buffer): LimitRefusal | null {
  // JSON.parse is linear in the body, which is already bounded by size.
  if (type === "application/json") return null;
  if (type === "application/x-www-form-urlencoded") return fieldShapeRefusal(new URLSearchParams(body.toString("utf8")).keys());
  const boundary = multipartBoundary(fullType);
  if (!boundary) return notAForm;
  return fieldShapeRefusal(multipartFieldNames(body, boundary));
}

export function bodyLimits(): RequestHandler {
  return (req, res, next) => {
    const queryRefusal = fieldShapeRefusal(new URLSearchParams(queryString(req.originalUrl)).keys());
    if (queryRefusal) return refuse(req, res, queryRefusal);
    if (bodiless.has(req.method)) return next();

    const declared = req.headers["content-length"];
    const chunked = req.headers["transfer-encoding"] !== undefined;
    const fullType = req.headers["content-type"] ?? "";
    const type = fullType.split(";")[0].trim().toLowerCase();
    if (!type) {
      // A post with nothing in it is an empty form (a bare button); anything else must say what it is.
      if (!chunked && (declared === undefined || declared === "0")) {
        req.headers["content-type"] = "application/x-www-form-urlencoded";
        bodies.set(req, Buffer.alloc(0));
        return next();
      }
      return refuse(req, res, notAForm);
    }
    const json = type === "application/json" && jsonPaths.some((p) => p.test(req.path));
    if (!json && type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") return refuse(req, res, notAForm);

    const limit = maxBodyBytes(req.path, req.headers.cookie);
    if (declared !== undefined && Number(declared) > limit) return refuse(req, res, tooLarge);

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (refusal: LimitRefusal | null) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      if (refusal) {
        req.pause();
        return refuse(req, res, refusal);
      }
      const body = Buffer.concat(chunks, size);
      const shape = bodyRefusal(type, fullType, body);
      if (shape) return refuse(req, res, shape);
      bodies.set(req, body);
      next();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish(tooLarge);
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish(null));
    req.once("error", () => {
      done = true;
      if (!res.headersSent) res.destroy();
    });
  };
}
