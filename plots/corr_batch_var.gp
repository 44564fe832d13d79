# corr_batch_var: variance of a batch mean against batch size, for several correlations.
# Lines: the closed form sigma^2 (1 + (m-1) rho) / m. Points: Monte Carlo estimates of the
# literal simulator with +-z SE error bars (z from the Makefile). Crosses: an AR(1) batch (lag-1 correlation 0.5),
# outside the formula's regime, against the formula's line for rho = 0.5.
# Dashed: the AR(1) batch's exact variance, which those points follow.
# Run as: gnuplot -e "bc='build/batchcheck'; out='build/plots/corr_batch_var'" THIS_FILE
if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/corr_batch_var'

mlist = '1,2,3,4,5,6,8,10,12,16,20,24,32,40,48,64,80,96,128,160,192,256'
theory = '< '.bc.' sweep corr_batch_var rho=0,0.1,0.5,0.9 sigma=1 m='.mlist
mc = '< '.bc.' sweep corr_batch_var rho=0,0.1,0.5,0.9 sigma=1 m=1,2,4,8,16,32,64,128 --samples 20000 --seed 1'
ar1 = '< '.bc.' sweep corr_batch_var rho=0.5 sigma=1 m=2,4,8,16,32,64,128 mech=ar1 --samples 20000 --seed 1'
rhos = '0 0.1 0.5 0.9'
# The AR(1) batch's exact variance (the outside points' own law, theory/corr_batch_var.c's
# finding): (sigma^2/m)(1 + 2 sum_{k<m} (1 - k/m) r^k), r the lag-1 correlation.
ar1law(m, r) = (1 + 2 * sum [k = 1:int(m) - 1] (1 - k / m) * r**k) / m

set xlabel "batch size m\n"
set ylabel 'Var(batch mean) / {/Symbol s}^2'
set logscale xy
set format y '10^{%T}'
set xrange [0.8:320]
set yrange [0.003:1.5]
set key below box maxcols 1
set grid
set title 'Variance of the mean of m samples with pairwise correlation {/Symbol r}'

do for [t in "pdf png"] {
    if (t eq "pdf") { eval pdfterm(12) } else { eval pngterm(12) }
    set output out.'.'.t
    plot for [i=0:3] theory index i using 2:4 with lines lw 2 lc i+1 \
             title sprintf('theory, {/Symbol r} = %s', word(rhos, i+1)), \
         mc index 0 using 2:5:($6*z) with yerrorbars pt 7 ps 0.5 lc 1 \
             title 'Monte Carlo (20000 batches), '.bars, \
         for [i=1:3] mc index i using 2:5:($6*z) with yerrorbars pt 7 ps 0.5 lc i+1 notitle, \
         [1:256] '+' using 1:(ar1law($1, 0.5)) with lines dt 2 lw 1.5 lc rgb 'black' \
             title 'AR(1) batch: its exact variance (1 + 2{/Symbol S}_{k<m}(1 - k/m){/Symbol r}^k)/m', \
         ar1 using 2:5:($6*z) with yerrorbars pt 2 ps 0.8 lc rgb 'black' \
             title 'AR(1) batch, lag-1 {/Symbol r} = 0.5 (outside the regime)'
    unset output
}
