import { useCallback, useState } from 'react';

/**
 * The content width of an element, following resizes: charts draw their SVG at the exact pixel
 * width (crisp lines and text, no scaling). 0 until the element is measured.
 */
export function useElementWidth<T extends HTMLElement>(): [(element: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: T | null) => {
    if (element === null) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    // React 19: a ref callback may return its cleanup.
    return () => {
      observer.disconnect();
    };
  }, []);
  return [ref, width];
}
