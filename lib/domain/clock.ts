/** Injected so that tests control time and ids. */
export type Clock = () => Date;
/** A new message id for a creation time in milliseconds; ids sort by creation time. */
export type IdGenerator = (timeMs: number) => string;
