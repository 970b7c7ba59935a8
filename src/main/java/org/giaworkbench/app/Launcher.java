package org.giaworkbench.app;

import org.giaworkbench.cli.GiaCli;

/**
 * The program's entry point. With arguments it is the command line; without, it runs the default
 * quick start (the desktop window takes this place once the GUI lands).
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"run", "--preset", "quickstart-dlg"} : args;
        System.exit(GiaCli.execute(effective));
    }
}
