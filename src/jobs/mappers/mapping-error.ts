/** Raised by a mapper for an item it cannot use; the job skips the item and counts it. */
export class MappingError extends Error {}
