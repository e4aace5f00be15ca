// Select whose options come from the server, searched as the user types (debounced).
import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import type { SelectProps } from 'antd';

export interface Option<V> {
  value: V;
  label: string;
  disabled?: boolean;
}

export interface RemoteSelectProps<V extends string | number>
  extends Omit<SelectProps<V | V[]>, 'options' | 'showSearch' | 'filterOption' | 'onSearch' | 'loading'> {
  /** Options matching `q` ('' = the first ones). */
  fetchOptions: (q: string) => Promise<Option<V>[]>;
  /** Labels for values that may not be among the fetched options (e.g. when editing). */
  knownOptions?: Option<V>[];
  /** Changing this refetches (e.g. a dependent filter). */
  depsKey?: string;
}

export function RemoteSelect<V extends string | number>({ fetchOptions, knownOptions, depsKey, ...props }: RemoteSelectProps<V>) {
  const [options, setOptions] = useState<Option<V>[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const seq = useRef(0);
  const fetchRef = useRef(fetchOptions);
  fetchRef.current = fetchOptions;

  useEffect(() => {
    const id = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      fetchRef
        .current(q.trim())
        .then((opts) => {
          if (id === seq.current) setOptions(opts);
        })
        .catch(() => {
          if (id === seq.current) setOptions([]);
        })
        .finally(() => {
          if (id === seq.current) setLoading(false);
        });
    }, q ? 300 : 0);
    return () => clearTimeout(timer);
  }, [q, depsKey]);

  const merged = [...options];
  for (const k of knownOptions ?? []) if (!merged.some((o) => o.value === k.value)) merged.push(k);

  return (
    <Select<V | V[]>
      allowClear
      {...props}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onOpenChange={(open) => {
        if (!open && q) setQ('');
      }}
      loading={loading}
      notFoundContent={loading ? <Spin size="small" /> : '无匹配项'}
      options={merged}
    />
  );
}
