/**
 * Wire shapes, as loose as Spike's drift requires: every field optional and `unknown` where the
 * sources disagree. Mappers narrow them; nothing here reaches the store.
 */
export type WireObject = Record<string, unknown>;

export interface WireTeam extends WireObject {
  _id?: unknown;
  name?: unknown;
  uid?: unknown;
  desc?: unknown;
  default?: unknown;
  private?: unknown;
  users?: unknown;
  createdAt?: unknown;
  updatedAt?: unknown;
}

export interface WireUser extends WireObject {
  _id?: unknown;
  firstName?: unknown;
  lastName?: unknown;
  email?: unknown;
  role?: unknown;
  removed?: unknown;
  teams?: unknown;
  timezone?: unknown;
  createdAt?: unknown;
  updatedAt?: unknown;
}

export interface WireIncident extends WireObject {
  _id?: unknown;
  counterId?: unknown;
  message?: unknown;
  title?: unknown;
  status?: unknown;
  NACK_at?: unknown;
  ACK_at?: unknown;
  RES_at?: unknown;
  createdAt?: unknown;
  updatedAt?: unknown;
  priority?: unknown;
  severity?: unknown;
  escalation?: unknown;
  integration?: unknown;
  service?: unknown;
  team?: unknown;
  groupedIncident?: unknown;
}

export interface WireOncall extends WireObject {
  _id?: unknown;
  name?: unknown;
  desc?: unknown;
  timezone?: unknown;
  teams?: unknown;
  users?: unknown;
  layers?: unknown;
  createdAt?: unknown;
  updatedAt?: unknown;
}
