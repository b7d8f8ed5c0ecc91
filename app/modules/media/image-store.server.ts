/**
 * Where uploaded pictures live: a local folder by default, an S3 bucket (or
 * an S3-compatible service) when S3_URL is set, behind one interface.
 */
import type * as S3 from "@aws-sdk/client-s3";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "~/utils/env.server";

export interface StoredImage {
  data: Buffer;
  contentType: string;
}

export interface ImageStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredImage | null>;
  delete(key: string): Promise<void>;
}

/** Keys are ours (a UUID and a suffix), never a user's file name, so they cannot climb out of the folder. */
const keyPattern = /^[0-9a-f-]{36}(-thumb)?\.webp$/;

export function isImageKey(key: string): boolean {
  return keyPattern.test(key);
}

const contentTypes: Record<string, string> = { ".webp": "image/webp" };

/** Files under DATA_DIR/uploads. */
export function createFileImageStore(root: string): ImageStore {
  const fileFor = (key: string) => {
    if (!isImageKey(key)) throw new RangeError(`Not an image key: ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, data) {
      await mkdir(root, { recursive: true });
      await writeFile(fileFor(key), data);
    },
    async get(key) {
      if (!isImageKey(key)) return null;
      try {
        const data = await readFile(fileFor(key));
        return { data, contentType: contentTypes[path.extname(key)] ?? "application/octet-stream" };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      if (!isImageKey(key)) return;
      await rm(fileFor(key), { force: true });
    },
  };
}

export interface S3Location {
  bucket: string;
  /** Folder inside the bucket ("" for the top). */
  prefix: string;
  region: string;
  /** An S3-compatible service's address (MinIO, Ceph, R2, s3rver); unset means AWS itself. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * S3_URL: `s3://KEY:SECRET@BUCKET/optional/prefix?region=eu-west-2&endpoint=https://s3.example.org`.
 * Without KEY:SECRET the SDK's usual sources apply (environment, instance role).
 */
export function parseS3Url(url: string): S3Location {
  const u = new URL(url);
  if (u.protocol !== "s3:" || !u.hostname) throw new RangeError("S3_URL must look like s3://KEY:SECRET@BUCKET?region=…&endpoint=…");
  return {
    bucket: u.hostname,
    prefix: u.pathname.replace(/^\/+|\/+$/g, "").replace(/(.)$/, "$1/"),
    region: u.searchParams.get("region") ?? "us-east-1",
    endpoint: u.searchParams.get("endpoint") ?? undefined,
    credentials: u.username ? { accessKeyId: decodeURIComponent(u.username), secretAccessKey: decodeURIComponent(u.password) } : undefined,
  };
}

/**
 * Objects in an S3 bucket, so every web process serves the same photos.
 * Checksums only where S3 requires them: several S3-compatible servers
 * refuse the SDK's newer default trailing checksums.
 */
export function createS3ImageStore(location: S3Location): ImageStore {
  // The SDK is loaded when the first photo is stored or read: most sites keep photos on disk, and it is the
  // largest library on the server (~120 ms to load in every process and test file that reached this module).
  let connected: Promise<{ client: S3.S3Client; sdk: typeof S3 }> | undefined;
  const connect = () =>
    (connected ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: location.region,
        endpoint: location.endpoint,
        // Compatible servers usually serve one host for every bucket.
        forcePathStyle: Boolean(location.endpoint),
        credentials: location.credentials,
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    })));
  const objectKey = (key: string) => {
    if (!isImageKey(key)) throw new RangeError(`Not an image key: ${key}`);
    return location.prefix + key;
  };
  return {
    async put(key, data, contentType) {
      const Key = objectKey(key);
      const { client, sdk } = await connect();
      await client.send(
        new sdk.PutObjectCommand({ Bucket: location.bucket, Key, Body: data, ContentType: contentType, CacheControl: "public, max-age=31536000, immutable" }),
      );
    },
    async get(key) {
      if (!isImageKey(key)) return null;
      const { client, sdk } = await connect();
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: location.bucket, Key: objectKey(key) }));
        const data = Buffer.from(await object.Body!.transformToByteArray());
        return { data, contentType: object.ContentType ?? contentTypes[path.extname(key)] ?? "application/octet-stream" };
      } catch (error) {
        if (error instanceof sdk.NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async delete(key) {
      if (!isImageKey(key)) return;
      const { client, sdk } = await connect();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: location.bucket, Key: objectKey(key) }));
    },
  };
}

let store: { where: string; store: ImageStore } | undefined;

/**
 * The configured store: S3 when S3_URL is set, else files under
 * DATA_DIR/uploads (read at call time so tests can point either elsewhere).
 */
export function getImageStore(): ImageStore {
  const s3Url = process.env.S3_URL || env().S3_URL;
  const where = s3Url ? `s3:${s3Url}` : path.resolve(process.env.DATA_DIR || env().DATA_DIR, "uploads");
  if (store?.where !== where) store = { where, store: s3Url ? createS3ImageStore(parseS3Url(s3Url)) : createFileImageStore(where) };
  return store.store;
}
