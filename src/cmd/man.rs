//! `quiz man`: the man page clap describes, with the sections a man page has that clap does not
//! know about: EXIT STATUS, ENVIRONMENT and FILES.

use std::io::Write;

use clap::CommandFactory;

use crate::{
    cli::Cli,
    error::{Result, io},
    exit,
};

/// What `quiz` adds to clap's page, in roff.
const SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Everything went as asked.
.TP
\fB1\fR
A failure the user did not cause: I/O, the terminal, an unreadable history log.
.TP
\fB2\fR
Bad usage or bad input: arguments, banks, an unknown topic or question, an unwritable history log.
.TP
\fB3\fR
The session scored below \fB\-\-pass\fR.
.TP
\fB130\fR
Interrupted with Ctrl\-C; every answer given is already in the log.
.SH ENVIRONMENT
.TP
\fBQUIZ_HISTORY\fR
The history log, unless \fB\-\-history\fR is given.
.TP
\fBQUIZ_BANKS\fR
Extra question banks, colon\-separated files or directories, added to any \fB\-\-bank\fR.
.TP
\fBXDG_DATA_HOME\fR, \fBHOME\fR
Where the default history log lives (see FILES). An empty \fBHOME\fR is reported as empty.
.TP
\fBNO_COLOR\fR, \fBCLICOLOR_FORCE\fR
Turn colour off, or on when not writing to a terminal, with \fB\-\-color auto\fR.
.TP
\fBCOLUMNS\fR
The width \fBquiz stats\fR fits its tables to.
.TP
\fBQUIZ_NOW\fR, \fBQUIZ_CLOCK_STEP\fR
A fixed clock for tests and demos: an RFC 3339 start and how far each reading moves it (default 1s).
.SH FILES
.TP
\fI$XDG_DATA_HOME/quiz/history.jsonl\fR, by default \fI~/.local/share/quiz/history.jsonl\fR
The history log: one JSON record a line, created with mode 0600 and only ever appended to.
\fB\-\-history\fR and \fBQUIZ_HISTORY\fR name another.
.TP
\fIquestions/*.yaml\fR
The built\-in banks, compiled into the binary; \fB\-\-bank\fR and \fBQUIZ_BANKS\fR add more.
"#;

/// Writes the man page.
pub fn run(out: &mut dyn Write) -> Result<u8> {
    let man = clap_mangen::Man::new(Cli::command());
    let fail = io("cannot write the man page");
    (|| {
        man.render_title(out)?;
        man.render_name_section(out)?;
        man.render_synopsis_section(out)?;
        man.render_description_section(out)?;
        man.render_options_section(out)?;
        man.render_subcommands_section(out)?;
        man.render_extra_section(out)?;
        out.write_all(SECTIONS.as_bytes())?;
        man.render_version_section(out)
    })()
    .map_err(fail)?;
    Ok(exit::OK)
}
