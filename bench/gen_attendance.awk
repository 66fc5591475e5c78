# Writes a deterministic attendance CSV for the benchmarks: ROWS rows (set
# with -v rows=N) in one of four shapes (-v shape=NAME).  The same rows and
# shape always give the same bytes.
#
#   grouped      (the default) about ROWS/8 practitioners, 40 agencies (some
#                names with commas, so quoted), 60 courses, sessions every
#                week from 2016 to 2023, with e-mails and names as real
#                exports have them.  Rows come grouped by session, in date
#                order, as LMS exports list them; within a session, people
#                in no order.
#   booking      a booking system's export: rows in the order the places
#                were booked, so any session on any row (each of ROWS/10
#                sessions gets exactly 10 rows, scattered over the whole
#                file), and wider rows: e-mail, full name, agency, sector,
#                job title, course code and title, date, status, hours.
#   incremental  next month's file of a partnership that holds the grouped
#                file: grouped rows of new sessions (2024 onwards) whose
#                people are the grouped file's, and one in eleven new.
#   reexport     the grouped file's rows again as another export of the
#                same system writes them (ISO dates, CRLF line ends): the
#                same attendances, different bytes.
BEGIN {
    if (rows == 0) rows = 1000000
    if (shape == "") shape = "grouped"
    if (shape != "grouped" && shape != "booking" && shape != "incremental" &&
        shape != "reexport") {
        print "gen_attendance.awk: unknown shape " shape > "/dev/stderr"
        exit 2
    }
    people = int(rows / 8)
    srand(shape == "incremental" ? 20261127 : shape == "booking" ? 20261128 : 20261126)
    split("Police|Health|Local authority|Education|Voluntary sector|Probation|Housing|Early years", sectors, "|")
    for (a = 1; a <= 40; a++) {
        name = sprintf("Agency %02d", a)
        if (a % 5 == 0) name = sprintf("\"Sefton Council, Service %02d\"", a)
        agency[a] = name
        sector[a] = sectors[(a % 8) + 1]
    }
    split("Social worker|Health visitor|Police officer|Teacher|GP|School nurse|Family support worker|Team manager", roles, "|")
    split("Working Together|Neglect and the Graded Care Profile|Domestic abuse|Child sexual exploitation|Early help|Voice of the child", topics, "|")
    for (c = 1; c <= 60; c++)
        title[c] = sprintf("%s, level %d (%s)", topics[(c % 6) + 1], 1 + c % 3, c <= 30 ? "face to face" : "virtual")
    if (shape == "booking")
        booking()
    else
        grouped(shape == "incremental" ? 8 : 0, shape == "incremental" ? int(people * 1.1) : people,
            shape == "reexport")
}

# Rows grouped by session: 8 years of weekly sessions of 60 courses from
# 2016 + first_year, people drawn from pool.
function grouped(first_year, pool, iso,    eol, nsessions, written, s, y, m, d, c, want, k, p, a, r, status, date) {
    eol = iso ? "\r\n" : "\n"
    # 8 years x 12 months x 4 weeks x 60 courses = 23,040 sessions
    nsessions = 8 * 12 * 4 * 60
    printf "agency,course_code,session_date,email,first_name,last_name,sector,role,status,hours%s", eol
    written = 0
    for (s = 0; s < nsessions; s++) {
        y = 2016 + first_year + int(s / 2880)
        m = 1 + int(s / 240) % 12
        d = 1 + 7 * (int(s / 60) % 4)
        c = 1 + s % 60
        date = iso ? sprintf("%04d-%02d-%02d", y, m, d) : sprintf("%02d/%02d/%04d", d, m, y)
        # spread the rows evenly over the sessions
        want = int((s + 1) * rows / nsessions) - written
        for (k = 0; k < want; k++) {
            p = int(rand() * pool)
            a = (p % 40) + 1
            r = rand()
            status = r < 0.90 ? "Attended" : (r < 0.96 ? "Did not attend" : "Cancelled")
            printf "%s,C%03d,%s,p%06d@agency%02d.example.org,First%d,Last%d,%s,%s,%s,%d%s",
                agency[a], c, date, p, a, p, p, sector[a], roles[(p % 8) + 1], status, 1 + (c % 6), eol
        }
        written += want
    }
}

# Rows in booking order.  Session s (of ROWS/10) is course 1 + s % 60 on
# day int(s / 40) from 1 January 2016; row i books place j % 10 of session
# int(j / 10), where j = (i * 7919) % ROWS runs over every place once (7919
# is a prime that divides no ROWS written here), so the 10 places of a
# session fall on rows scattered over the file.
function booking(    nsessions, i, j, s, day, c, y, m, d, p, a, r, status) {
    nsessions = int(rows / 10)
    if (nsessions < 1) nsessions = 1
    print "Email address,Full name,Organisation,Sector,Job title,Course code,Course title,Date,Status,Hours"
    for (i = 0; i < rows; i++) {
        j = (i * 7919) % rows
        s = int(j / 10) % nsessions
        day = int(s / 40)
        c = 1 + s % 60
        civil(day)
        p = int(rand() * people)
        a = (p % 40) + 1
        r = rand()
        status = r < 0.90 ? "Attended" : (r < 0.96 ? "Did not attend" : "Cancelled")
        printf "p%06d@agency%02d.example.org,First%d Last%d,%s,%s,%s,C%03d,\"%s\",%02d/%02d/%04d,%s,%d\n",
            p, a, p, p, agency[a], sector[a], roles[(p % 8) + 1], c, title[c], cd, cm, cy,
            status, 1 + (c % 6)
    }
}

# cy, cm, cd of the day n days after 1 January 2016 (days from civil, after
# Howard Hinnant's algorithm).
function civil(n,    z, era, doe, yoe, doy, mp) {
    z = n + 16801 + 719468	# 2016-01-01 is day 16801 of 1970
    era = int(z / 146097)
    doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    cy = yoe + era * 400
    doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153)
    cd = doy - int((153 * mp + 2) / 5) + 1
    cm = mp < 10 ? mp + 3 : mp - 9
    if (cm <= 2) cy++
}
