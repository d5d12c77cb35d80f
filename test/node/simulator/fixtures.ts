import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src-main/node/simulator/index.ts';

/** A simulator on loopback, any free ports, stopped by the returned function's `stop`. */
export function simulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ port: 0, ...options, config: { externalAnswerDelayMs: 50, ...options.config } });
}

/** The guide's two descriptions a server may follow (config `dialect`): the suites that matter for
 *  a first contact run against both. */
export const DIALECTS = ['samples', 'table'] as const;
export type Dialect = (typeof DIALECTS)[number];
