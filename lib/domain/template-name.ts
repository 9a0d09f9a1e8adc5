/**
 * A template's name: the `{name}` of `/templates/{name}` and the `template` of a send. Lower-case
 * letters, digits, `-`, `_` and `.`: no `#`, so that `${tenant}#${name}` is an unambiguous key.
 */
export const TEMPLATE_NAME_FORMAT = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const TEMPLATE_NAME_HINT = 'must be 1 to 64 lower-case letters, digits, `.`, `_` or `-`';
