module gobox

go 1.26
