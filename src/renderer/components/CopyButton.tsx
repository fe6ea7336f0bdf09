/** Copies a text to the clipboard and says so for a moment. */
import { useState } from 'react';

export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      // Clipboard access needs a secure context or a user grant; the text stays selectable.
      setCopied('failed');
    }
    setTimeout(() => setCopied(null), 1500);
  };
  return (
    <button type="button" className="btn btn-small" onClick={copy} data-testid={testId} title={`Copy ${text}`}>
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select and copy' : label}
    </button>
  );
}
