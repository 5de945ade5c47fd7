# The plots of docs/design.md, "What it costs", from the tables of
# bench/results.md that docs/render extracts into data/*.dat. docs/render
# sets data and out (directories), per_byte and at_zero (the least-squares
# line of ECHO's accepted payloads) and per_listener (what a SET's listener
# adds, past the first, from the last two rows of the fan-out table).
#
# The figures are instructions: the guest's clock counts one nanosecond
# per instruction (bench/README.md, "The instrument").

set terminal svg size 720,420 dynamic font "Helvetica,13" background "white"
set encoding utf8
set grid ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left Left reverse noautotitle
set style fill solid 0.8 border -1
ink = "#3465a4"
other = "#cc0000"

# One request and its answer, beside what it is measured against.
set output out."/cost-requests.svg"
set title "One request and its answer"
set ylabel "instructions"
set yrange [0:*]
set style data boxes
set boxwidth 0.6
set xtics scale 0
plot data."/requests.dat" using 0:2:xtic(1) lc rgb ink, \
     "" using 0:2:(sprintf("%.0f", $2)) with labels offset 0,0.8

# ECHO by payload: a line up to the cap, and the two refused sizes above.
set output out."/cost-echo.svg"
set title "ECHO by payload"
set xlabel "payload, bytes"
set xrange [0:8500]
set key bottom right
set xtics 1024 scale 1
set arrow 1 from 3072, graph 0 to 3072, graph 1 nohead dt 2 lc rgb "#888888"
set label 1 "HELLONL_ECHO_MAX" noenhanced at 3072, graph 0.95 offset 0.5,0
set label 2 sprintf("%.2f a byte", per_byte) at 1400, at_zero + per_byte * 1400 offset 0,-1.5
plot (x <= 3072 ? at_zero + per_byte * x : NaN) lc rgb ink dt 3 notitle, \
     data."/echo.dat" using 1:($3 > 0 ? NaN : $2) with linespoints pt 7 lc rgb ink \
	title "answered", \
     "" using 1:($3 > 0 ? $2 : NaN) with points pt 5 ps 1.2 lc rgb other \
	title "refused: over the cap"
unset arrow 1
unset label 1
unset label 2
unset xrange
set key top left
set xtics autofreq

# GETs batched in one datagram, per request.
set output out."/cost-batch.svg"
set title "GETs batched in one datagram, per request"
set xlabel "GETs in the datagram"
set logscale x 2
set xrange [0.7:90]
set xtics (1, 8, 64)
set key center right
plot data."/batch.dat" using 1:2 with linespoints pt 7 lc rgb ink \
	title "answers read with recv()", \
     "" using 1:3 with linespoints pt 5 dt 2 lc rgb other \
	title "answers read with recvmmsg()"
unset logscale x
unset xrange
set xtics autofreq
set key top left

# Fan-out: a SET, by the listeners of the events group.
set output out."/cost-events.svg"
set title "A SET, by the listeners of its event"
set xlabel "listeners"
set xrange [-2:66]
set xtics (0, 8, 16, 32, 64)
set label 1 sprintf("each listener past the first: %.0f", per_listener) at 20, graph 0.85
plot data."/events.dat" using 1:2 with linespoints pt 7 lc rgb ink
unset label 1
unset xrange
set xtics autofreq

# History dumps: what an entry costs, in a short and in a long history.
set output out."/cost-dump.svg"
set title "A HISTORY dump, per entry"
unset xlabel
set style data boxes
set xrange [-0.7:1.7]
plot data."/history.dat" using 0:3:xtic(sprintf("%d entries", $1)) lc rgb ink, \
     "" using 0:3:(sprintf("%.0f", $3)) with labels offset 0,0.8
