import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { activities, schedules } from "../../db/schema";
import * as editRoute from "~/routes/organiser.activities.$id.edit/route";
import * as newRoute from "~/routes/organiser.activities.new/route";
import * as uploadsRoute from "~/routes/uploads.$key/route";
import { getImageStore, thumbnailKey } from "~/modules/media/index.server";
import { addMember, createOrganisation, createUser } from "../factories";
import { activityForm, multipartRequest, run } from "../factories/activities";
import { cookieFor } from "../setup/auth";

let organiser: { id: string };
let cookie: string;

beforeAll(async () => {
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "linkway-uploads-"));
  const org = await createOrganisation();
  organiser = await createUser();
  await addMember(org.id, organiser.id);
  cookie = await cookieFor(organiser.id);
});

async function png(width: number, height: number) {
  const data = await sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 80 } } }).png().toBuffer();
  return new File([new Uint8Array(data)], "walk.png", { type: "image/png" });
}

async function createWith(fields: Record<string, string | string[] | File>) {
  return run(newRoute.action, { request: multipartRequest(cookie, "/organiser/activities/new", { ...activityForm(), ...fields }) });
}

async function countActivities() {
  const db = await getDb();
  return (await db.select({ id: activities.id }).from(activities)).length;
}

const errors = (result: unknown) => (result as { error?: Record<string, string[]> }).error ?? {};

describe("activity photos", () => {
  it("re-encodes an uploaded picture to WebP at most 1200px wide with a thumbnail, served with long caching", async () => {
    const response = await createWith({ photo: await png(2000, 1000), imageAlt: "Walkers on a path" });
    expect((response as Response).status).toBe(302);
    const id = /activities\/([0-9a-f-]{36})\/edit/.exec((response as Response).headers.get("Location")!)![1];
    const db = await getDb();
    const [row] = await db.select().from(activities).where(eq(activities.id, id));
    expect(row.imageAlt).toBe("Walkers on a path");
    expect(row.imagePath).toMatch(/^[0-9a-f-]{36}\.webp$/);
    const stored = await getImageStore().get(row.imagePath!);
    const meta = await sharp(stored!.data).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 1200, height: 600 });
    const thumb = await getImageStore().get(thumbnailKey(row.imagePath!));
    expect((await sharp(thumb!.data).metadata()).width).toBe(400);

    const served = (await run(uploadsRoute.loader, { request: new Request("http://x"), params: { key: row.imagePath! } })) as Response;
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/webp");
    expect(served.headers.get("Cache-Control")).toContain("immutable");
    const missing = (await run(uploadsRoute.loader, { request: new Request("http://x"), params: { key: "../../etc/passwd" } })) as Response;
    expect(missing.status).toBe(404);
  });

  it("refuses a file that is not a picture, with a message next to the field, saving nothing", async () => {
    const before = await countActivities();
    const fake = new File(["this is not a picture"], "notes.png", { type: "image/png" });
    const result = await createWith({ photo: fake, imageAlt: "Not a picture" });
    expect(errors(result).photo?.join()).toMatch(/not a JPEG, PNG or WebP/);
    expect(await countActivities()).toBe(before);
  });

  it("refuses a file of another type", async () => {
    const before = await countActivities();
    const gif = new File([new Uint8Array(10)], "x.gif", { type: "image/gif" });
    const result = await createWith({ photo: gif, imageAlt: "A gif" });
    expect(errors(result).photo?.join()).toMatch(/JPEG, PNG or WebP/);
    expect(await countActivities()).toBe(before);
  });

  it("refuses a picture over 5 MB without keeping it", async () => {
    const before = await countActivities();
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 10)], "huge.jpg", { type: "image/jpeg" });
    const result = await createWith({ photo: big, imageAlt: "Huge" });
    expect(errors(result).photo?.join()).toMatch(/5 MB or smaller/);
    expect(await countActivities()).toBe(before);
  });

  it("needs a description of the photo", async () => {
    const result = await createWith({ photo: await png(100, 100) });
    expect(errors(result).imageAlt?.join()).toMatch(/Describe the photo/);
  });

  it("replaces a photo, removing the old files, and removes it on request", async () => {
    const response = (await createWith({ photo: await png(300, 200), imageAlt: "First" })) as Response;
    const id = /activities\/([0-9a-f-]{36})\/edit/.exec(response.headers.get("Location")!)![1];
    const db = await getDb();
    const [{ imagePath: first }] = await db.select().from(activities).where(eq(activities.id, id));
    const [schedule] = await db.select().from(schedules).where(eq(schedules.activityId, id));
    const edit = (fields: Record<string, string | string[] | File>) =>
      run(editRoute.action, {
        request: multipartRequest(cookie, `/organiser/activities/${id}/edit`, {
          ...activityForm({ "schedules[0].id": schedule.id, intent: "save" }),
          hasPhoto: "on",
          ...fields,
        }),
        params: { id },
      });
    await edit({ photo: await png(320, 200), imageAlt: "Second" });
    const [{ imagePath: second, imageAlt }] = await db.select().from(activities).where(eq(activities.id, id));
    expect(second).not.toBe(first);
    expect(imageAlt).toBe("Second");
    expect(await getImageStore().get(first!)).toBeNull();

    // Keeping the photo without its description is refused.
    const noAlt = await edit({ imageAlt: "" });
    expect(errors(noAlt).imageAlt?.join()).toMatch(/Describe the photo/);

    await edit({ removePhoto: "on" });
    const [after] = await db.select().from(activities).where(eq(activities.id, id));
    expect(after).toMatchObject({ imagePath: null, imageAlt: null });
    expect(await getImageStore().get(second!)).toBeNull();
  });
});
