package maplab.kernel.display;

/** Plain-text forms of values that never throw, whatever the value's toString() does. */
public final class Text {

    private Text() {
    }

    /** String.valueOf, or a note naming the class when toString() throws. */
    public static String of(Object value) {
        try {
            return String.valueOf(value);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                throw vme;
            }
            return "<" + value.getClass().getName() + ": toString() threw " + describe(t) + ">";
        }
    }

    /** The value as JShell shows it: strings quoted and escaped, everything else through {@link #of}. */
    public static String jshell(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Character c) {
            return "'" + escape(String.valueOf(c)) + "'";
        }
        return of(value);
    }

    static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    /** "ClassName: message" of a throwable, itself safe against a throwing getMessage(). */
    public static String describe(Throwable t) {
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable inner) {
            message = null;
        }
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    }
}
