/**
 * Issue 18.2: photos in object storage. The same contract runs against the
 * local folder and against a real S3-compatible server (s3rver on loopback),
 * and /uploads/:key serves from S3 when S3_URL is set, so any web process
 * serves a photo another one stored.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileImageStore, createS3ImageStore, getImageStore, parseS3Url, type ImageStore } from "~/modules/media/index.server";
import { loader as uploadLoader } from "~/routes/uploads.$key/route";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "linkway-s3-"));
  dirs.push(d);
  return d;
};

let server: S3rver;
let s3Url = "";
beforeAll(async () => {
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: tempDir(), configureBuckets: [{ name: "linkway-photos" }] });
  const { port } = await server.run();
  // s3rver's fixed development keys.
  s3Url = `s3://S3RVER:S3RVER@linkway-photos/uploads?region=eu-west-2&endpoint=http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server?.close();
  delete process.env.S3_URL;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const key = "0b5e6c1e-6e0f-4c0e-8b7c-3a0d7f1c2b3d.webp";
const thumb = "0b5e6c1e-6e0f-4c0e-8b7c-3a0d7f1c2b3d-thumb.webp";
const bytes = Buffer.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]);

const stores: [string, () => ImageStore][] = [
  ["a local folder", () => createFileImageStore(tempDir())],
  ["S3 (s3rver)", () => createS3ImageStore(parseS3Url(s3Url))],
];

describe.each(stores)("the image store in %s", (_name, make) => {
  it("gives back what was put, byte for byte, with its type", async () => {
    const store = make();
    await store.put(key, bytes, "image/webp");
    await store.put(thumb, Buffer.from("thumb"), "image/webp");
    const got = await store.get(key);
    expect(got?.contentType).toBe("image/webp");
    expect(Buffer.compare(got!.data, bytes)).toBe(0);
    expect((await store.get(thumb))?.data.toString()).toBe("thumb");
  });

  it("answers null for a missing picture and for a key that is not ours, and refuses to store one", async () => {
    const store = make();
    expect(await store.get("1b5e6c1e-6e0f-4c0e-8b7c-3a0d7f1c2b3d.webp")).toBeNull();
    expect(await store.get("../../etc/passwd")).toBeNull();
    await expect(store.put("../escape.webp", bytes, "image/webp")).rejects.toThrow(RangeError);
  });

  it("deletes, and deleting twice is fine", async () => {
    const store = make();
    await store.put(key, bytes, "image/webp");
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
  });
});

describe("S3_URL", () => {
  it("reads the bucket, folder, region, endpoint and keys", () => {
    expect(parseS3Url("s3://AK%2B1:se%2Fcret@photos/linkway/uploads/?region=eu-west-2&endpoint=https://s3.example.org")).toEqual({
      bucket: "photos",
      prefix: "linkway/uploads/",
      region: "eu-west-2",
      endpoint: "https://s3.example.org",
      credentials: { accessKeyId: "AK+1", secretAccessKey: "se/cret" },
    });
    expect(parseS3Url("s3://photos")).toMatchObject({ bucket: "photos", prefix: "", endpoint: undefined, credentials: undefined });
  });

  it("makes /uploads/:key serve photos from the bucket", async () => {
    process.env.S3_URL = s3Url;
    await getImageStore().put(key, bytes, "image/webp");
    // Another store on the same bucket (another web process) sees it.
    expect((await createS3ImageStore(parseS3Url(s3Url)).get(key))?.data.length).toBe(bytes.length);
    const response = (await uploadLoader({ params: { key }, request: new Request(`http://localhost/uploads/${key}`), context: { cspNonce: "" } })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), bytes)).toBe(0);
    delete process.env.S3_URL;
  });
});
