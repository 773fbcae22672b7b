/**
 * Most comments in one page of changes, and the largest `limit` a client may ask for; also
 * `limits.pageMaxComments`. A module of its own so the widget's first pull takes the number
 * without the rest of the limits (which load with the composer).
 */
export const pageMaxComments = 1000;
