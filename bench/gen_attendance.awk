# Writes a deterministic attendance CSV for the benchmarks: ROWS rows (set
# with -v rows=N), about ROWS/8 practitioners, 40 agencies (some names with
# commas, so quoted), 60 courses, sessions every week from 2016 to 2023, with
# e-mails and names as real exports have them.  Rows come grouped by
# session, in date order, as LMS and booking-system exports list them; within
# a session, people in no order.  The same N always gives the same bytes.
BEGIN {
    if (rows == 0) rows = 1000000
    people = int(rows / 8)
    srand(20261126)
    split("Police|Health|Local authority|Education|Voluntary sector|Probation|Housing|Early years", sectors, "|")
    for (a = 1; a <= 40; a++) {
        name = sprintf("Agency %02d", a)
        if (a % 5 == 0) name = sprintf("\"Sefton Council, Service %02d\"", a)
        agency[a] = name
        sector[a] = sectors[(a % 8) + 1]
    }
    split("Social worker|Health visitor|Police officer|Teacher|GP|School nurse|Family support worker|Team manager", roles, "|")
    # 8 years x 12 months x 4 weeks x 60 courses = 23,040 sessions
    nsessions = 8 * 12 * 4 * 60
    print "agency,course_code,session_date,email,first_name,last_name,sector,role,status,hours"
    written = 0
    for (s = 0; s < nsessions; s++) {
        y = 2016 + int(s / 2880)
        m = 1 + int(s / 240) % 12
        d = 1 + 7 * (int(s / 60) % 4)
        c = 1 + s % 60
        # spread the rows evenly over the sessions
        want = int((s + 1) * rows / nsessions) - written
        for (k = 0; k < want; k++) {
            p = int(rand() * people)
            a = (p % 40) + 1
            r = rand()
            status = r < 0.90 ? "Attended" : (r < 0.96 ? "Did not attend" : "Cancelled")
            printf "%s,C%03d,%02d/%02d/%04d,p%06d@agency%02d.example.org,First%d,Last%d,%s,%s,%s,%d\n",
                agency[a], c, d, m, y, p, a, p, p, sector[a], roles[(p % 8) + 1], status, 1 + (c % 6)
        }
        written += want
    }
}
