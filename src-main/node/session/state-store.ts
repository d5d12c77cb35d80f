// The session's one state object: every action goes through the reducer, the effects (notification,
// screen pop) are decided from the change, and the listeners are told of both.
import { decideEffects, type EffectSettings } from '../../common/state/effects.ts';
import { reduce, type CoreAction } from '../../common/state/reducer.ts';
import type { CoreState, Effect } from '../../common/state/types.ts';

export class StateStore {
  private current: CoreState;
  private effectSettings: EffectSettings;
  private readonly stateListeners = new Set<(state: CoreState, cause: CoreAction) => void>();
  private readonly effectListeners = new Set<(effect: Effect) => void>();
  /** Told of an action the reducer threw on (the state stays as it was). */
  private readonly onReducerError: (error: unknown, action: CoreAction) => void;

  constructor(
    initial: CoreState,
    effectSettings: EffectSettings,
    onReducerError: (error: unknown, action: CoreAction) => void,
  ) {
    this.current = initial;
    this.effectSettings = effectSettings;
    this.onReducerError = onReducerError;
  }

  get state(): CoreState {
    return this.current;
  }

  setEffectSettings(settings: EffectSettings): void {
    this.effectSettings = settings;
  }

  /** Every new state, with the action it came from (the event, for what only the event tells). */
  onState(listener: (state: CoreState, cause: CoreAction) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onEffect(listener: (effect: Effect) => void): () => void {
    this.effectListeners.add(listener);
    return () => this.effectListeners.delete(listener);
  }

  dispatch(action: CoreAction): void {
    const prev = this.current;
    let next: CoreState;
    try {
      next = reduce(prev, action);
    } catch (error) {
      this.onReducerError(error, action);
      return;
    }
    if (next === prev) return;
    const decided = decideEffects(prev, next, this.effectSettings);
    this.current = decided.state;
    for (const listener of this.stateListeners) listener(this.current, action);
    for (const effect of decided.effects) for (const listener of this.effectListeners) listener(effect);
  }
}
