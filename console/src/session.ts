// The API key lives in sessionStorage only: gone when the tab closes, never in a URL or localStorage.
const KEY = 'messaging-console.api-key';

export const storedKey = (): string | null => sessionStorage.getItem(KEY);
export const storeKey = (key: string): void => sessionStorage.setItem(KEY, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY);
