import { describe, expect, it } from "vitest";
import { createRenderSlots } from "../../server/render-slots.js";

type Acquire = () => Promise<() => void>;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("render slots", () => {
  it("lets `limit` requests in at once and the rest in the order they came", async () => {
    const slot: Acquire = createRenderSlots({ limit: 2, stuckMs: 60_000 });
    const order: string[] = [];
    const enter = (name: string) =>
      slot().then((release) => {
        order.push(name);
        return release;
      });
    const a = enter("a");
    const b = enter("b");
    const c = enter("c");
    const d = enter("d");
    await tick();
    expect(order).toEqual(["a", "b"]);
    (await a)();
    await tick();
    expect(order).toEqual(["a", "b", "c"]);
    (await b)();
    (await b)(); // giving a slot back twice frees it once
    await tick();
    expect(order).toEqual(["a", "b", "c", "d"]);
    const e = enter("e");
    await tick();
    expect(order).toEqual(["a", "b", "c", "d"]); // c and d hold both slots
    (await c)();
    await tick();
    expect(order).toEqual(["a", "b", "c", "d", "e"]);
    (await d)();
    (await e)();
    const f = enter("f");
    const g = enter("g");
    await tick();
    expect(order.slice(-2)).toEqual(["f", "g"]); // all free again: both go straight in
    (await f)();
    (await g)();
  });

  it("lets the next request go ahead when no slot has been given back for `stuckMs`", async () => {
    let clock = 0;
    const slot: Acquire = createRenderSlots({ limit: 1, stuckMs: 20, now: () => clock });
    const held = await slot();
    let entered = false;
    const next = slot().then((release) => {
      entered = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(entered).toBe(false); // time has not moved on the slots' clock: the holder is not stuck
    clock = 25;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(entered).toBe(true);
    held();
    (await next)();
  });
});
