package com.flowcrm.store.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money in files meant for scripts and spreadsheets: rounded to the cent, plain digits ("12500", "1234.5"). */
public final class Amounts {
    private Amounts() {
    }

    /** Rounded half up to the cent, trailing zeros dropped, never in exponent form. */
    public static BigDecimal cents(double amount) {
        BigDecimal rounded = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        // stripTrailingZeros turns 12500.00 into 1.25E+4; a scale of at least 0 keeps it plain
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    /** {@link #cents} as text. */
    public static String plain(double amount) {
        return cents(amount).toPlainString();
    }
}
