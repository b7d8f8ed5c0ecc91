import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkFeedUrl } from "./fetch-feed.server";

describe("a feed address typed by an organiser, in production", () => {
  let mode: string | undefined;
  beforeEach(() => {
    mode = process.env.NODE_ENV;
    (process.env as Record<string, string | undefined>).NODE_ENV = "production";
  });
  afterEach(() => {
    (process.env as Record<string, string | undefined>).NODE_ENV = mode;
  });

  it.each([
    ["http://127.0.0.1:3000/api/hsds", "private network"],
    ["http://localhost/feed.ics", "private network"],
    ["http://10.1.2.3/services", "private network"],
    ["http://169.254.169.254/latest/meta-data", "private network"],
    ["http://[::1]/services", "private network"],
    ["http://[::ffff:192.168.0.1]/services", "private network"],
    ["file:///etc/passwd", "Only web addresses"],
    ["ftp://example.org/feed", "Only web addresses"],
    ["https://user:secret@example.org/feed", "user name and password"],
    ["not a url", "not a web address"],
  ])("refuses %s", async (url, reason) => {
    await expect(checkFeedUrl(url)).rejects.toThrow(reason);
  });

  it("accepts a public address given as an IP", async () => {
    await expect(checkFeedUrl("https://93.184.215.14/api/hsds")).resolves.toBeInstanceOf(URL);
  });
});
