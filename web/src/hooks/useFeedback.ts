// Success/error messages and confirm dialogs through antd's App context, plus mapping of
// the server's validation issues onto form fields.
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { isApiError } from '../api';

/** Error codes that belong to one form field (the server's message is shown under it). */
export type CodeFieldMap = Record<string, string>;

/** `body.unitId` / `body/unitId` / `unitId` → `unitId`; nested paths keep their tail. */
function fieldOf(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'params') parts.shift();
  return parts[0] ?? '';
}

export function applyFieldErrors(form: FormInstance, err: unknown, codeFields: CodeFieldMap = {}): boolean {
  if (!isApiError(err)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const byField = new Map<string, string[]>();
  for (const issue of err.issues) {
    const name = fieldOf(issue.path);
    if (!name) continue;
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  const mapped = codeFields[err.code];
  if (mapped) byField.set(mapped, [err.message]);
  const fields = [...byField].filter(([name]) => known.has(name) || name === mapped);
  if (!fields.length) return false;
  form.setFields(fields.map(([name, errors]) => ({ name, errors })));
  return true;
}

export function errorMessage(err: unknown): string {
  if (isApiError(err)) return err.message;
  if (err instanceof Error) return err.message;
  return '操作失败，请稍后重试';
}

export interface ConfirmOptions {
  title: string;
  content?: ReactNode;
  okText?: string;
  danger?: boolean;
  onOk: () => Promise<unknown>;
}

export function useFeedback() {
  const { message, modal } = App.useApp();
  return useMemo(() => {
    const error = (err: unknown, form?: FormInstance, codeFields?: CodeFieldMap) => {
      if (isApiError(err) && err.redirected) return;
      if ((err as Error)?.name === 'AbortError') return;
      if (form) applyFieldErrors(form, err, codeFields);
      void message.error(errorMessage(err));
    };
    return {
      success: (text: string) => void message.success(text),
      /** Shows the server's Chinese message (and field errors when a form is given). */
      error,
      /** `onOk` runs while the OK button spins; a failure is shown and the dialog closes. */
      confirm: (opts: ConfirmOptions) =>
        modal.confirm({
          title: opts.title,
          content: opts.content,
          okText: opts.okText ?? '确定',
          cancelText: '取消',
          okButtonProps: { danger: opts.danger },
          onOk: async () => {
            try {
              await opts.onOk();
            } catch (e) {
              error(e);
            }
          },
        }),
      message,
      modal,
    };
  }, [message, modal]);
}
