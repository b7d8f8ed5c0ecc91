/**
 * Where uploaded pictures live. Behind an interface so object storage (S3 and
 * the like) can replace the local folder without touching the callers.
 */
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

let store: { root: string; store: ImageStore } | undefined;

/** The configured store (read at call time so tests can point DATA_DIR elsewhere). */
export function getImageStore(): ImageStore {
  const root = path.resolve(process.env.DATA_DIR || env().DATA_DIR, "uploads");
  if (store?.root !== root) store = { root, store: createFileImageStore(root) };
  return store.store;
}
