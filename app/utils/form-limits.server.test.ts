import { describe, expect, it } from "vitest";
import { MAX_FIELDS, MAX_REPEATS, fieldShapeRefusal, multipartBoundary, multipartFieldNames } from "./form-limits.server";

describe("form limits", () => {
  it("accepts a real form's shape and refuses too many fields or repeats", () => {
    expect(fieldShapeRefusal(["email", "password", "redirectTo"])).toBeNull();
    expect(fieldShapeRefusal(Array.from({ length: MAX_REPEATS }, () => "feature"))).toBeNull();
    expect(fieldShapeRefusal(Array.from({ length: MAX_REPEATS + 1 }, () => "feature"))?.status).toBe(400);
    expect(fieldShapeRefusal(Array.from({ length: MAX_FIELDS + 1 }, (_, i) => `f${i}`))?.status).toBe(400);
  });

  it("stops reading names at the first one over the limit", () => {
    let read = 0;
    function* endless() {
      for (;;) {
        read += 1;
        yield "x";
      }
    }
    expect(fieldShapeRefusal(endless())).not.toBeNull();
    expect(read).toBe(MAX_REPEATS + 1);
  });

  it("finds multipart field names, including a file part, and the boundary in either form", () => {
    const body = Buffer.from(
      '--b1\r\nContent-Disposition: form-data; name="title"\r\n\r\nWalk\r\n' +
        '--b1\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\x00\x01--b\r\n' +
        "--b1--\r\n",
      "latin1",
    );
    expect([...multipartFieldNames(body, "b1")]).toEqual(["title", "photo"]);
    expect(multipartBoundary('multipart/form-data; boundary="b1"')).toBe("b1");
    expect(multipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryX")).toBe("----WebKitFormBoundaryX");
    expect(multipartBoundary("multipart/form-data")).toBeNull();
  });
});
