// After a command, the query side shows its effect once it has applied the event (well within a
// second): read again a few times, a quarter of a second apart, until the change is there.

/** Calls load() until done(answer) holds or the tries run out (or signal aborts); the last answer. */
export async function untilShown(load, done, signal, tries = 12) {
  let answer = await load();
  for (let i = 1; i < tries && !done(answer) && !(signal && signal.aborted); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    answer = await load();
  }
  return answer;
}
