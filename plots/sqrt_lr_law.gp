# sqrt_lr_law: FILL IN what the figure shows.
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/sqrt_lr_law'" plots/sqrt_lr_law.gp
# Writes out.'.pdf' and out.'.png'. Every number comes from `batchcheck sweep`, whose table
# starts with a header line naming its columns: the parameters, then for each output the
# theory, and with --samples the estimate and its SE.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/sqrt_lr_law'

sweep = bc.' sweep sqrt_lr_law x=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9'
set table $theory
plot '< '.sweep using 1:2 with table
set table $sim
plot '< '.sweep.' --samples 20000' using 1:3:4 with table
unset table

set xlabel 'x'
set ylabel 'value'
set title 'FILL IN'
set grid
set key top left box opaque

do for [t in 'pdfcairo pngcairo'] {
	if (t eq 'pdfcairo') { set terminal pdfcairo size 16cm,10cm font 'Sans,9'; set output out.'.pdf' }
	else { set terminal pngcairo size 1000,620 font 'Sans,10'; set output out.'.png' }
	plot $theory using 1:2 with lines lw 2 title 'theory', \
	     $sim using 1:2:3 with yerrorbars pt 7 ps 0.6 title 'simulation ± 1 SE'
}
