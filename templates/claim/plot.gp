# CLAIM_ID: FILL IN what the figure shows.
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/CLAIM_ID'" plots/CLAIM_ID.gp
# Writes out.'.pdf' and out.'.png'. Every number comes from `batchcheck sweep`, whose table
# starts with two comment lines, the second naming its columns: the parameters in the order
# given, then each theory output, and with --samples each output's NAME_est and NAME_se
# (here: x m value value_est value_se). A simulator switch goes on the sweep's line like
# any parameter, e.g. an outside point's mechanism, to plot the formula failing there.
# The Makefile loads plots/style.gnuplot first: pdfterm(height_cm) and pngterm(height_cm)
# set the terminals (text at the report's body size), z and `bars` the error bars (±z SE).

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/CLAIM_ID'

sweep = bc.' sweep CLAIM_ID x=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9 m=16'
set table $theory
plot '< '.sweep using 1:3 with table
set table $sim
plot '< '.sweep.' --samples 20000' using 1:4:5 with table
unset table

set xlabel 'x'."\n" # the second line keeps the legend below clear of it
set ylabel 'value'
set title 'FILL IN'
set grid
set key below box # below the axes: it hides no data

# enhanced text: {/Symbol s}^2 is sigma squared
do for [t in 'pdfcairo pngcairo'] {
	if (t eq 'pdfcairo') { eval pdfterm(12); set output out.'.pdf' }
	else { eval pngterm(12); set output out.'.png' }
	plot $theory using 1:2 with lines lw 2 title 'theory', \
	     $sim using 1:2:($3*z) with yerrorbars pt 7 ps 0.5 title 'simulation, '.bars
	unset output
}
