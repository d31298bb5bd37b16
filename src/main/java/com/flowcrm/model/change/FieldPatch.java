package com.flowcrm.model.change;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link DealChanges} and {@link ContactChanges} share: the value named for each field of an enum, and which
 * fields are named at all (a field named with null clears it, a field not named is left alone).
 *
 * @param <F> the fields a change can name
 * @param <T> the model object it applies to
 * @param <P> the concrete change type, so that setters chain
 */
public abstract sealed class FieldPatch<F extends Enum<F>, T, P extends FieldPatch<F, T, P>>
        permits DealChanges, ContactChanges {
    private final Class<F> fieldType;
    private final F[] allFields;
    private final Object[] values;
    private int present;

    /** {@code allFields}: the enum's constants in order, shared (never changed). */
    FieldPatch(Class<F> fieldType, F[] allFields) {
        this.fieldType = fieldType;
        this.allFields = allFields;
        this.values = new Object[allFields.length];
    }

    /**
     * Applies the named fields, setting only those whose value differs (so listeners fire only for real changes).
     * Does not tick the item's revision: the store does that once per applied event.
     *
     * @return whether anything changed
     */
    public boolean applyTo(T item) {
        boolean changed = false;
        for (F f : allFields) {
            if (has(f)) {
                changed |= applyField(item, f, values[f.ordinal()]);
            }
        }
        return changed;
    }

    /** Sets one named field on the item when it differs; returns whether it did. */
    abstract boolean applyField(T item, F field, Object value);

    /** A change naming every field with the item's current value. */
    abstract P snapshotOf(T item);

    abstract P empty();

    /** The change that undoes this one on the item: the item's current values of the fields named here. */
    public P inverseOn(T item) {
        P all = snapshotOf(item);
        P inverse = empty();
        for (F f : fields()) {
            inverse.put(f, all.get(f));
        }
        return inverse;
    }

    /** The same change without any of the given fields (fields of another patch type are no fields of this one). */
    @SuppressWarnings("unchecked")
    public P withoutAll(java.util.Collection<?> fields) {
        for (Object f : fields) {
            if (fieldType.isInstance(f)) {
                without(fieldType.cast(f));
            }
        }
        return (P) this;
    }

    /** The same change without the given field: it will be left alone. */
    @SuppressWarnings("unchecked")
    public P without(F f) {
        values[f.ordinal()] = null;
        present &= ~(1 << f.ordinal());
        return (P) this;
    }

    public boolean has(F f) {
        return (present & (1 << f.ordinal())) != 0;
    }

    public boolean isEmpty() {
        return present == 0;
    }

    public Set<F> fields() {
        EnumSet<F> set = EnumSet.noneOf(fieldType);
        for (F f : allFields) {
            if (has(f)) {
                set.add(f);
            }
        }
        return set;
    }

    /** The value named for a field (null when absent or cleared). */
    public Object get(F f) {
        return values[f.ordinal()];
    }

    @SuppressWarnings("unchecked")
    final P put(F f, Object v) {
        values[f.ordinal()] = v;
        present |= 1 << f.ordinal();
        return (P) this;
    }

    static boolean set(Object current, Object next, Runnable setter) {
        if (Objects.equals(current, next)) {
            return false;
        }
        setter.run();
        return true;
    }

    /** An immutable copy without nulls; null means empty. */
    static <E> List<E> copy(List<E> v) {
        if (v == null) {
            return List.of();
        }
        List<E> out = new ArrayList<>(v.size());
        for (E e : v) {
            if (e != null) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append('{');
        for (F f : fields()) {
            b.append(f).append('=').append(values[f.ordinal()]).append(", ");
        }
        return b.append('}').toString();
    }
}
