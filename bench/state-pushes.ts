// State pushes to the toolbar while a server floods the app core with 10,000 events a second.
import { pushesUnderFlood } from '../test/node/helpers/push-flood.ts';
import { round } from './stats.ts';

export async function measurePushesUnderFlood(): Promise<{
  state_pushes_per_s_under_flood: number;
  flood_seconds: number;
}> {
  const flood = await pushesUnderFlood(10_000);
  return { state_pushes_per_s_under_flood: round(flood.pushesPerSecond), flood_seconds: round(flood.seconds) };
}
