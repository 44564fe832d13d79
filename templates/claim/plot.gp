# CLAIM_ID: FILL IN what the figure shows.
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/CLAIM_ID'" plots/CLAIM_ID.gp
# Writes out.'.pdf' and out.'.png'. Every number comes from `batchcheck sweep`, whose table
# starts with two comment lines, the second naming its columns: the parameters in the order
# given, then each theory output, and with --samples each output's NAME_est and NAME_se
# (here: x m value value_est value_se). A simulator switch goes on the sweep's line like
# any parameter, e.g. an outside point's mechanism, to plot the formula failing there.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/CLAIM_ID'

sweep = bc.' sweep CLAIM_ID x=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9 m=16'
set table $theory
plot '< '.sweep using 1:3 with table
set table $sim
plot '< '.sweep.' --samples 20000' using 1:4:5 with table
unset table

set xlabel 'x'
set ylabel 'value'
set title 'FILL IN'
set grid
set key top left box opaque

# enhanced text: {/Symbol s}^2 is sigma squared
do for [t in 'pdfcairo pngcairo'] {
	if (t eq 'pdfcairo') { set terminal pdfcairo enhanced size 16cm,10cm font 'Sans,9'; set output out.'.pdf' }
	else { set terminal pngcairo enhanced size 1000,620 font 'Sans,10'; set output out.'.png' }
	plot $theory using 1:2 with lines lw 2 title 'theory', \
	     $sim using 1:2:3 with yerrorbars pt 7 ps 0.6 title 'simulation ± 1 SE'
	unset output
}
