import { describe, expect, it } from "vitest";
import { mailMode } from "./mail-mode";

describe("mailMode", () => {
  it("uses SMTP whenever it is set", () => {
    expect(mailMode({ SMTP_URL: "smtp://mail.example.org", PUBLIC_URL: "https://linkway.example.org", NODE_ENV: "production" })).toBe("smtp");
  });

  it("keeps email in the development mailbox on a site on its own machine, even built for production (npm start)", () => {
    expect(mailMode({ SMTP_URL: undefined, PUBLIC_URL: undefined, NODE_ENV: "production" })).toBe("dev-mailbox");
    expect(mailMode({ SMTP_URL: undefined, PUBLIC_URL: "http://localhost:3000", NODE_ENV: "development" })).toBe("dev-mailbox");
  });

  it("never shows a public production site's email in a mailbox page", () => {
    expect(mailMode({ SMTP_URL: undefined, PUBLIC_URL: "https://linkway.example.org", NODE_ENV: "production" })).toBe("unconfigured");
  });
});
