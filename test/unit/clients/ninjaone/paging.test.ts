import { describe, expect, it } from "vitest";
import { type PageSizeMemory, judgePage, largestId, learnPage, pageSizeMemory } from "../../../../src/clients/ninjaone/paging.js";

const fresh = (): PageSizeMemory => ({ cap: undefined, floor: 0 });

describe("judgePage", () => {
  it("ends the listing on an empty page and goes on after a full one", () => {
    expect(judgePage(0, 1000, fresh())).toBe("last");
    expect(judgePage(1000, 1000, fresh())).toBe("next");
  });

  it("doubts a short page while nothing is known, since the server may cap pages below the request", () => {
    expect(judgePage(500, 1000, fresh())).toBe("confirm");
    expect(judgePage(3, 1000, fresh())).toBe("confirm");
  });

  it("trusts a short page no longer than a length the server was seen to fill", () => {
    expect(judgePage(25, 1000, { cap: undefined, floor: 25 })).toBe("last");
    expect(judgePage(24, 1000, { cap: undefined, floor: 25 })).toBe("last");
    expect(judgePage(26, 1000, { cap: undefined, floor: 25 })).toBe("confirm");
    expect(judgePage(999, 1000, { cap: undefined, floor: 1000 })).toBe("last");
  });

  it("reads a page of exactly the learned cap as full and a shorter one as the last", () => {
    expect(judgePage(500, 1000, { cap: 500, floor: 0 })).toBe("next");
    expect(judgePage(499, 1000, { cap: 500, floor: 0 })).toBe("last");
  });
});

describe("learnPage", () => {
  it("learns the cap when the read after a doubted page brings more items", () => {
    const memory = fresh();
    learnPage(memory, 500, 1000, { doubted: 500 });
    expect(memory).toEqual({ cap: 500, floor: 0 });
  });

  it("learns a floor when the read after a doubted page is empty", () => {
    const memory = fresh();
    learnPage(memory, 0, 1000, { doubted: 25 });
    expect(memory).toEqual({ cap: undefined, floor: 25 });
  });

  it("takes a full page as proof that the requested size is honoured", () => {
    const memory = fresh();
    learnPage(memory, 1000, 1000, undefined);
    expect(memory.floor).toBe(1000);
  });

  it("forgets a cap that a longer page proved wrong", () => {
    const memory: PageSizeMemory = { cap: 500, floor: 0 };
    learnPage(memory, 700, 1000, undefined);
    expect(memory.cap).toBeUndefined();
  });
});

describe("pageSizeMemory", () => {
  it("is kept per client and per path", () => {
    const a = {};
    const b = {};
    pageSizeMemory(a, "/v2/organizations").floor = 7;
    expect(pageSizeMemory(a, "/v2/organizations").floor).toBe(7);
    expect(pageSizeMemory(a, "/v2/devices-detailed").floor).toBe(0);
    expect(pageSizeMemory(b, "/v2/organizations").floor).toBe(0);
  });
});

describe("largestId", () => {
  it("finds the largest id of a 200,000-item page without overflowing the stack", () => {
    const page = Array.from({ length: 200_000 }, (_, i) => ({ id: (i * 7919) % 200_000 }));
    expect(largestId(page, (x) => x.id)).toBe(199_999);
  });
});
