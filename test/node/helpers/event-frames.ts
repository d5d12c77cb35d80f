// Realistic event frames, for the fuzz tests and the core benchmark.

/** Frames as the simulator sends them to the agent's monitor: a call's life, call ids cycling. */
export function eventFrames(count: number): string[] {
  const frames: string[] = [];
  const life = [4, 6, 8, 12, 3, 1];
  for (let i = 0; frames.length < count; i++) {
    const c1 = (i % 500) + 1;
    for (const id of life) {
      frames.push(
        JSON.stringify({
          monitor: '1001',
          fname: 'event',
          id,
          msid: 0,
          this: '1001',
          tag: 0,
          ftime: '2026/11/24 15:28:43.01',
          cnid: String(100000 + i),
          cnsq: id,
          call: {
            c1,
            cause: 0,
            ctype: 1,
            other: `0101234${String(i % 10000).padStart(4, '0')}`,
            third: '1001',
            origin: '9000',
            uui: 'customer=C123456',
          },
          attach: { uei: '{"tier":"gold"}', ci: 'retention-2026Q4' },
          queue: { dn: '401', wqueue: i % 7, wtime: i % 60 },
        }),
      );
    }
  }
  return frames.slice(0, count);
}
