// Where and how loud the ring plays (issue 27 item 9). The system's audio outputs are listed, and
// listed again when one is plugged in or pulled out (`devicechange`); the output the settings
// chose is found by its id or, ids having changed (a re-plugged headset), by its label; when it is
// not there the ring plays on the default output and the bar says so. The ring is made with
// WebAudio and played through an <audio> element: its volume and output (`setSinkId`) are the
// element's own.

export interface AudioOutput {
  deviceId: string;
  label: string;
}

export interface RingChoice {
  deviceId: string;
  deviceLabel: string;
  volume: number;
}

/** Chromium's aliases of the system's default output: offered as "Default output", not twice. */
const ALIASES = new Set(['', 'default', 'communications']);

/** The output to play on ('' the default) and whether the chosen one is missing now. */
export function resolveOutput(
  choice: Pick<RingChoice, 'deviceId' | 'deviceLabel'>,
  outputs: readonly AudioOutput[] | undefined,
): { sinkId: string; missing: boolean } {
  if (choice.deviceId === '') return { sinkId: '', missing: false };
  // Not listable (no permission, no devices API): the kept id is tried, and refused if gone.
  if (outputs === undefined) return { sinkId: choice.deviceId, missing: false };
  const found =
    outputs.find((o) => o.deviceId === choice.deviceId) ??
    (choice.deviceLabel ? outputs.find((o) => o.label === choice.deviceLabel) : undefined);
  return found ? { sinkId: found.deviceId, missing: false } : { sinkId: '', missing: true };
}

/** The system's audio outputs as the page sees them; `undefined` until listed, or when they cannot be. */
class AudioOutputs {
  list = $state<AudioOutput[] | undefined>(undefined);

  async refresh(): Promise<void> {
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      const outputs = devices.filter((d) => d.kind === 'audiooutput' && !ALIASES.has(d.deviceId));
      this.list = outputs.map((d) => ({ deviceId: d.deviceId, label: d.label }));
    } catch {
      this.list = undefined;
    }
  }

  /** Lists them now and after every plug or unplug; returns the stop. */
  watch(): () => void {
    const devices = navigator.mediaDevices as MediaDevices | undefined;
    if (!devices) return () => undefined;
    const changed = () => void this.refresh();
    devices.addEventListener('devicechange', changed);
    changed();
    return () => devices.removeEventListener('devicechange', changed);
  }
}

export const audioOutputs = new AudioOutputs();

/** The saved choice's output is gone: its words for the bar, else undefined. */
export function missingOutputLabel(choice: Pick<RingChoice, 'deviceId' | 'deviceLabel'>): string | undefined {
  if (!resolveOutput(choice, audioOutputs.list).missing) return undefined;
  return choice.deviceLabel || choice.deviceId;
}

const RING_EVERY_MS = 3000;

/**
 * Plays the two-tone ring through `audio` on the chosen output at its volume, once or every 3 s;
 * an output the system refuses (pulled out meanwhile) falls back to the default. Returns the stop.
 */
export function playRing(audio: HTMLAudioElement, choice: RingChoice, repeat: boolean): () => void {
  const ctx = new AudioContext();
  const out = ctx.createMediaStreamDestination();
  const ring = () => {
    for (const [offset, freq] of [
      [0, 440],
      [0.4, 480],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.08;
      osc.connect(gain).connect(out);
      osc.start(ctx.currentTime + offset);
      osc.stop(ctx.currentTime + offset + 0.35);
    }
  };
  audio.srcObject = out.stream;
  audio.volume = Math.min(100, Math.max(0, choice.volume)) / 100;
  const { sinkId } = resolveOutput(choice, audioOutputs.list);
  void audio
    .setSinkId(sinkId)
    .catch(() => audio.setSinkId(''))
    .catch(() => undefined)
    .then(() => audio.play())
    .catch(() => undefined);
  ring();
  const timer = repeat ? setInterval(ring, RING_EVERY_MS) : undefined;
  return () => {
    clearInterval(timer);
    audio.pause();
    audio.srcObject = null;
    void ctx.close();
  };
}
